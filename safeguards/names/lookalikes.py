"""Letters of one script that look like a letter of another (generated, do not edit).

Source: Unicode confusables data as shipped by confusable-homoglyphs 3.3.1; regenerate with
``python -m safeguards.names.generate_lookalikes > safeguards/names/lookalikes.py``.
"""

CYRILLIC_TO_LATIN: dict[str, str] = {
    'Ѕ': 'S',  # CYRILLIC CAPITAL LETTER DZE
    'Ј': 'J',  # CYRILLIC CAPITAL LETTER JE
    'А': 'A',  # CYRILLIC CAPITAL LETTER A
    'В': 'B',  # CYRILLIC CAPITAL LETTER VE
    'Е': 'E',  # CYRILLIC CAPITAL LETTER IE
    'К': 'K',  # CYRILLIC CAPITAL LETTER KA
    'М': 'M',  # CYRILLIC CAPITAL LETTER EM
    'Н': 'H',  # CYRILLIC CAPITAL LETTER EN
    'О': 'O',  # CYRILLIC CAPITAL LETTER O
    'Р': 'P',  # CYRILLIC CAPITAL LETTER ER
    'С': 'C',  # CYRILLIC CAPITAL LETTER ES
    'Т': 'T',  # CYRILLIC CAPITAL LETTER TE
    'У': 'Y',  # CYRILLIC CAPITAL LETTER U
    'Х': 'X',  # CYRILLIC CAPITAL LETTER HA
    'а': 'a',  # CYRILLIC SMALL LETTER A
    'г': 'r',  # CYRILLIC SMALL LETTER GHE
    'е': 'e',  # CYRILLIC SMALL LETTER IE
    'о': 'o',  # CYRILLIC SMALL LETTER O
    'р': 'p',  # CYRILLIC SMALL LETTER ER
    'с': 'c',  # CYRILLIC SMALL LETTER ES
    'у': 'y',  # CYRILLIC SMALL LETTER U
    'х': 'x',  # CYRILLIC SMALL LETTER HA
    'ѕ': 's',  # CYRILLIC SMALL LETTER DZE
    'і': 'i',  # CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I
    'ј': 'j',  # CYRILLIC SMALL LETTER JE
    'ѡ': 'w',  # CYRILLIC SMALL LETTER OMEGA
    'Ѵ': 'V',  # CYRILLIC CAPITAL LETTER IZHITSA
    'ѵ': 'v',  # CYRILLIC SMALL LETTER IZHITSA
    'Ү': 'Y',  # CYRILLIC CAPITAL LETTER STRAIGHT U
    'ү': 'y',  # CYRILLIC SMALL LETTER STRAIGHT U
    'һ': 'h',  # CYRILLIC SMALL LETTER SHHA
    'ҽ': 'e',  # CYRILLIC SMALL LETTER ABKHASIAN CHE
    'ӏ': 'i',  # CYRILLIC SMALL LETTER PALOCHKA
    'ԁ': 'd',  # CYRILLIC SMALL LETTER KOMI DE
    'Ԍ': 'G',  # CYRILLIC CAPITAL LETTER KOMI SJE
    'ԛ': 'q',  # CYRILLIC SMALL LETTER QA
    'Ԝ': 'W',  # CYRILLIC CAPITAL LETTER WE
    'ԝ': 'w',  # CYRILLIC SMALL LETTER WE
    'ꙇ': 'i',  # CYRILLIC SMALL LETTER IOTA
}
GREEK_TO_CYRILLIC: dict[str, str] = {
    'Ͷ': 'И',  # GREEK CAPITAL LETTER PAMPHYLIAN DIGAMMA
    'Γ': 'Г',  # GREEK CAPITAL LETTER GAMMA
    'Π': 'П',  # GREEK CAPITAL LETTER PI
    'Φ': 'Ф',  # GREEK CAPITAL LETTER PHI
    'Ψ': 'Ѱ',  # GREEK CAPITAL LETTER PSI
    'π': 'п',  # GREEK SMALL LETTER PI
    'ψ': 'ѱ',  # GREEK SMALL LETTER PSI
    'ω': 'ꙍ',  # GREEK SMALL LETTER OMEGA
}
GREEK_TO_LATIN: dict[str, str] = {
    'ͺ': 'i',  # GREEK YPOGEGRAMMENI
    'Ϳ': 'J',  # GREEK CAPITAL LETTER YOT
    'Α': 'A',  # GREEK CAPITAL LETTER ALPHA
    'Β': 'B',  # GREEK CAPITAL LETTER BETA
    'Ε': 'E',  # GREEK CAPITAL LETTER EPSILON
    'Ζ': 'Z',  # GREEK CAPITAL LETTER ZETA
    'Η': 'H',  # GREEK CAPITAL LETTER ETA
    'Κ': 'K',  # GREEK CAPITAL LETTER KAPPA
    'Μ': 'M',  # GREEK CAPITAL LETTER MU
    'Ν': 'N',  # GREEK CAPITAL LETTER NU
    'Ο': 'O',  # GREEK CAPITAL LETTER OMICRON
    'Ρ': 'P',  # GREEK CAPITAL LETTER RHO
    'Τ': 'T',  # GREEK CAPITAL LETTER TAU
    'Υ': 'Y',  # GREEK CAPITAL LETTER UPSILON
    'Χ': 'X',  # GREEK CAPITAL LETTER CHI
    'α': 'a',  # GREEK SMALL LETTER ALPHA
    'γ': 'y',  # GREEK SMALL LETTER GAMMA
    'ι': 'i',  # GREEK SMALL LETTER IOTA
    'ν': 'v',  # GREEK SMALL LETTER NU
    'ο': 'o',  # GREEK SMALL LETTER OMICRON
    'ρ': 'p',  # GREEK SMALL LETTER RHO
    'σ': 'o',  # GREEK SMALL LETTER SIGMA
    'υ': 'u',  # GREEK SMALL LETTER UPSILON
    'ϒ': 'Y',  # GREEK UPSILON WITH HOOK SYMBOL
    'Ϝ': 'F',  # GREEK LETTER DIGAMMA
    'ϱ': 'p',  # GREEK RHO SYMBOL
    'ϲ': 'c',  # GREEK LUNATE SIGMA SYMBOL
    'ϳ': 'j',  # GREEK LETTER YOT
    'Ϲ': 'C',  # GREEK CAPITAL LUNATE SIGMA SYMBOL
    'Ϻ': 'M',  # GREEK CAPITAL LETTER SAN
    'ᴦ': 'r',  # GREEK LETTER SMALL CAPITAL GAMMA
    'ι': 'i',  # GREEK PROSGEGRAMMENI
}
LATIN_TO_CYRILLIC: dict[str, str] = {
    'A': 'А',  # LATIN CAPITAL LETTER A
    'B': 'В',  # LATIN CAPITAL LETTER B
    'C': 'С',  # LATIN CAPITAL LETTER C
    'E': 'Е',  # LATIN CAPITAL LETTER E
    'G': 'Ԍ',  # LATIN CAPITAL LETTER G
    'H': 'Н',  # LATIN CAPITAL LETTER H
    'J': 'Ј',  # LATIN CAPITAL LETTER J
    'K': 'К',  # LATIN CAPITAL LETTER K
    'M': 'М',  # LATIN CAPITAL LETTER M
    'O': 'О',  # LATIN CAPITAL LETTER O
    'P': 'Р',  # LATIN CAPITAL LETTER P
    'S': 'Ѕ',  # LATIN CAPITAL LETTER S
    'T': 'Т',  # LATIN CAPITAL LETTER T
    'V': 'Ѵ',  # LATIN CAPITAL LETTER V
    'W': 'Ԝ',  # LATIN CAPITAL LETTER W
    'X': 'Х',  # LATIN CAPITAL LETTER X
    'Y': 'У',  # LATIN CAPITAL LETTER Y
    'a': 'а',  # LATIN SMALL LETTER A
    'c': 'с',  # LATIN SMALL LETTER C
    'd': 'ԁ',  # LATIN SMALL LETTER D
    'e': 'е',  # LATIN SMALL LETTER E
    'h': 'һ',  # LATIN SMALL LETTER H
    'i': 'і',  # LATIN SMALL LETTER I
    'j': 'ј',  # LATIN SMALL LETTER J
    'o': 'о',  # LATIN SMALL LETTER O
    'p': 'р',  # LATIN SMALL LETTER P
    'q': 'ԛ',  # LATIN SMALL LETTER Q
    'r': 'г',  # LATIN SMALL LETTER R
    's': 'ѕ',  # LATIN SMALL LETTER S
    'v': 'ѵ',  # LATIN SMALL LETTER V
    'w': 'ѡ',  # LATIN SMALL LETTER W
    'x': 'х',  # LATIN SMALL LETTER X
    'y': 'у',  # LATIN SMALL LETTER Y
    'ĸ': 'к',  # LATIN SMALL LETTER KRA
    'ƅ': 'ь',  # LATIN SMALL LETTER TONE SIX
    'Ə': 'Ә',  # LATIN CAPITAL LETTER SCHWA
    'Ɛ': 'Ԑ',  # LATIN CAPITAL LETTER OPEN E
    'ƨ': 'ꙅ',  # LATIN SMALL LETTER TONE TWO
    'ǝ': 'ә',  # LATIN SMALL LETTER TURNED E
    'Ƕ': 'Ԋ',  # LATIN CAPITAL LETTER HWAIR
    'ȝ': 'ӡ',  # LATIN SMALL LETTER YOGH
    'Ʌ': 'Л',  # LATIN CAPITAL LETTER TURNED V
    'ɜ': 'з',  # LATIN SMALL LETTER REVERSED OPEN E
    'ɢ': 'ԍ',  # LATIN LETTER SMALL CAPITAL G
    'ɸ': 'ф',  # LATIN SMALL LETTER PHI
    'ʍ': 'м',  # LATIN SMALL LETTER TURNED W
    'ʙ': 'в',  # LATIN LETTER SMALL CAPITAL B
    'ʜ': 'н',  # LATIN LETTER SMALL CAPITAL H
    'ᴎ': 'и',  # LATIN LETTER SMALL CAPITAL REVERSED N
    'ᴙ': 'я',  # LATIN LETTER SMALL CAPITAL REVERSED R
    'ᴛ': 'т',  # LATIN LETTER SMALL CAPITAL T
    'Ꞓ': 'Є',  # LATIN CAPITAL LETTER C WITH BAR
    'ꞓ': 'є',  # LATIN SMALL LETTER C WITH BAR
    'Ꞷ': 'Ꙍ',  # LATIN CAPITAL LETTER OMEGA
    'ꭠ': 'љ',  # LATIN SMALL LETTER SAKHA YAT
}
