"""Words that signal bibliographic structure in several citation habits.

These lists are evidence for the rule parser (and features for the learned one): a place at
the start of a segment, a publisher word, a container marker, a role word. They are small on
purpose; the learned parser generalises beyond them.
"""

from __future__ import annotations

import re


def _words(text: str) -> list[str]:
    """A word list written as running text (easier to read and extend than a list literal)."""
    return text.split()


def _first_letters(words: str) -> str:
    r"""The letters the words of `\b(word|word ...)\b` start with, as a look-ahead: "(?=[BPR])".

    Python's regex engine tries such an alternation of a hundred words at every word start of
    a text, one word after another. Behind the look-ahead (which every match satisfies anyway)
    a position whose character starts none of them is passed over at one test: the matches are
    the same and a search is about three times faster, which counts, as `segment.evidence` asks
    these lists of every unit of every note. A word must start with a letter (not a group or an
    escape); a list where one does not fails here, at import.
    """
    alternatives: list[str] = []
    depth, start = 0, 3
    for i in range(3, len(words) - 3):
        ch = words[i]
        if ch == "\\" or words[i - 1] == "\\":
            continue  # an escape ("Ph\.D\.") and what it escapes are literal characters
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            alternatives.append(words[start:i])
            start = i + 1
    alternatives.append(words[start : len(words) - 3])
    if (
        not (words.startswith(r"\b(") and words.endswith(r")\b"))
        or "[" in words
        or not all(a[:1].isalpha() and a[1:2] not in ("?", "*", "{") for a in alternatives)
    ):
        raise ValueError(f"not a list of words: {words}")
    return "(?=[" + "".join(sorted({a[0] for a in alternatives})) + "])"


def _word_list(words: str) -> re.Pattern[str]:
    return re.compile(_first_letters(words) + words)


PLACES = frozenset(
    [
        w.replace("-", " ")
        for w in _words("""
    Amsterdam Ann-Arbor Athens Baltimore Basel Baton-Rouge Beijing Belgrade Beograd Berkeley
    Berlin Bern Bloomington Bonn Boston Boulder Bratislava Brno Brussels Bruxelles Bucharest
    București Budapest Cambridge Chapel-Hill Chicago Cluj Columbia Debrecen Durham Edinburgh
    Frankfurt Freiburg Geneva Genève Göttingen Hamburg Hanover Ithaca Kiev Kyiv Kraków Krakow
    Lanham Leipzig Lawrence Lincoln Ljubljana London Los-Angeles Lublin Lviv Madison Mainz
    Manchester Milano Minneapolis Moscow Moskva München Munich New-Brunswick New-Haven New-York
    Notre-Dame Oslo Oxford Palo-Alto Paris Pécs Philadelphia Pittsburgh Poznań Praha Prague
    Princeton Roma Rome Sofia Stanford Stockholm Stuttgart Szeged Tallinn Toronto Tübingen
    Vienna Vilnius Warsaw Warszawa Washington Wien Wiesbaden Wrocław Zagreb Zürich Bukarest
    Prag Warschau Moskau Leningrad Sankt-Peterburg Ottawa Montreal Sydney Jerusalem Ankara
    Istanbul Helsinki Copenhagen København Lund Uppsala Leiden Utrecht Lille Lyon Strasbourg
    Nanterre Kew Abilene Independence Austin Atlanta Simi-Valley Yorba-Linda Hyde-Park Abingdon
    Basingstoke Houndmills Westport Armonk Dordrecht Heidelberg Darmstadt Köln Cologne
    Düsseldorf Potsdam Dresden Jena Halle Marburg Münster Regensburg Innsbruck Graz Salzburg
    Linz Olomouc Ostrava Košice Nitra Gdańsk Katowice Łódź Toruń Miskolc Győr Veszprém Eger
    Sopron Kolozsvár Pozsony Cluj-Napoca Pierrefitte-sur-Seine La-Courneuve Vincennes
    College-Park Stanford Kraków Ithaca Evanston Lexington Columbus Detroit Seattle Houston
    """)
    ]
)


def _starts_with_one_of(phrases: frozenset[str]) -> re.Pattern[str]:
    """A phrase at the start of a text, the longest that fits, as a word.

    The phrases are grouped under their first letter ("B(?:udapest|erlin|...)"), longest first
    within a group as in one flat alternation: only phrases with the text's first letter can
    match, so the match is the same, and the engine tries a dozen of them instead of two
    hundred (`starts_with_place` is asked of every segment of every citation)."""
    by_first: dict[str, list[str]] = {}
    for phrase in sorted(phrases, key=lambda p: len(re.escape(p)), reverse=True):
        by_first.setdefault(phrase[0], []).append(re.escape(phrase[1:]))
    groups = (re.escape(first) + "(?:" + "|".join(rest) + ")" for first, rest in by_first.items())
    return re.compile("^(?:" + "|".join(groups) + r")\b")


_PLACE_RE = _starts_with_one_of(PLACES)

PUBLISHER_WORDS = _word_list(
    r"\b(Press|Books|Publishers?|Publishing|Routledge|Macmillan|Palgrave|Verlag|Verlages|"
    r"Kiadó|Kiadója|Intézet|Institute|Foundation|Alapítvány|Office|Microfilms|Editions|"
    r"Éditions|Edition|Wydawnictwo|Wydawnictwa|PWN|Nakladatelství|Vydavatelství|Akadémiai|"
    r"Gondolat|Európa|Osiris|Magvető|Kossuth|Corvina|Századvég|ROSSPEN|Nauka|Politizdat|"
    r"Mezhdunarodnye|Fayard|Gallimard|Seuil|Payot|Armand Colin|Oldenbourg|Suhrkamp|dtv|"
    r"Beck|Ch\. Links|Böhlau|Wiley|Blackwell|Norton|Knopf|Praeger|Scribner|Harper|Penguin|"
    r"Longman|Hutchinson|Cassell|Heinemann|Doubleday|Houghton|Mifflin|Little,? Brown|"
    r"Simon (?:&|and) Schuster|Random House|Basic|Vintage|Bloomsbury|Polity|Verso|Brill|"
    r"Springer|Mouton|Rowman|Littlefield|Lexington|Pinter|Cass|Sage|Academia|Libri|Prostor|"
    r"Argo|Torst|Triton|Naše vojsko|Svoboda|Veda|Slovart|Rytmus|Znak|Bellona|Iskry|Czytelnik|"
    r"Neriton|Aspra|Rytm|Arcana|LIBRON|GPO|Government Printing Office|Stationery Office|HMSO)\b"
)

CONTAINER_WORDS = _word_list(
    r"\b(Bulletin|Journal|Review|Quarterly|Studies|Szemle|Századok|Történelmi|Évkönyv|Évkönyve|"
    r"Yearbook|Jahrbuch|Vierteljahrshefte|Zeitschrift|Revue|Annales|Przegląd|Kwartalnik|Dzieje|"
    r"Časopis|Soudobé dějiny|Historie|Istoriia|Istoricheskii|Voprosy|Novaia|Kritika|Holmi|"
    r"Világosság|Valóság|Kortárs|Beszélő|Népszabadság|Magyar Nemzet|Times|Post|Herald|"
    r"Tribune|Gazette|Zeitung|Monde|Figaro|Pravda|Izvestiia|Izvestia|Affairs|History|Diplomatic)\b"
)

# The look-aheads in front of EDITOR_ROLE, TRANSLATOR_ROLE and PREFIX_INSIDE name the characters
# their alternatives start with (see `_first_letters`): the same matches, found faster.
EDITOR_ROLE = re.compile(
    r"(?=[(EHdehrs])"
    r"(?:\(\s*(?:eds?|Eds?|szerk|Hrsg|hrsg|red|dir|ed\. by|sost)\.?\s*\)|\b(?:eds?|Eds?|szerk|"
    r"Hrsg|hrsg|red|dir|sost)\.(?=\s|,|:|$)|\bedited by\b|\bEdited by\b|\bhrsg\. von\b|"
    r"\bHrsg\. von\b)"
)
TRANSLATOR_ROLE = re.compile(
    r"(?=[Tftü])\b(?:Trans\.|trans\.|Translated by|translated by|ford\.|übers\.)"
)

GENRE_WORDS = _word_list(
    r"\b(manuscript|kézirat|Manuskript|Hovedoppgave|PhD|Ph\.D\.|dissertation|Dissertation|"
    r"thesis|Thesis|disszertáció|Working Papers?|Documents Reader|Reader|Occasional Paper|"
    r"Discussion Paper|typescript|interview|Interview|interjú|forthcoming)\b"
)

PREFIX_AT_START = re.compile(
    r"^(?:(?:see also|See also|see|See|Cf\.|cf\.|Compare|compare|Vgl\.|vgl\.|Siehe|siehe|"
    r"Lásd|lásd|Vö\.|vö\.|L\.|Srov\.|srov\.|Viz|viz|Zob\.|zob\.|Por\.|por\.|Voir|voir|"
    r"Sm\.|sm\.|Cм\.|См\.)(?:\s+(?:also|még|auch|też|též|aussi|takzhe))?\s*:?\s+)"
)
"""A prefix word at the start of a citation unit."""

PREFIX_INSIDE = re.compile(
    r"(?=[ACLSVabcklmpqrsvz])"
    r"(?:\b(?:see also|See also|see|See|Cf\.|cf\.|vgl\.|Vgl\.|lásd|Lásd|vö\.|Vö\.|srov\.|"
    r"viz|zob\.|por\.|voir)\s*:?\s+|\b(?:published|printed|reprinted|reproduced|quoted|"
    r"cited|publikálva|megjelent|közölve|közli|abgedruckt|veröffentlicht)\s+(?:in|as|by)?\s*:?\s+"
    r"|\b(?:[Aa]nd\s+)?by the same author\s*:?\s+)"
)
"""A prefix phrase inside a unit: the citation starts after it."""

SAME_AUTHOR = re.compile(r"\b(?:by the same author|ders\.|dies\.|idem|eadem|uő\.|Uő\.)", re.I)

BACKREF = re.compile(
    r"^(?:Ibid\.?|ibid\.?|Ibidem|ibidem|Ib\.|Id\.|id\.|Idem|Op\.\s*cit\.?|op\.\s*cit\.?|"
    r"Loc\.\s*cit\.?|loc\.\s*cit\.?|a\.\s*a\.\s*O\.?|Ebd\.?|ebd\.?|Ebenda|ebenda|Uo\.?|uo\.?|"
    r"I\.\s*m\.?|i\.\s*m\.?|Tamže|tamže|Tamtéž|tamtéž|Tamże|tamże|Ivi|ivi|Tam zhe|tam zhe|"
    r"Там же\.?|Указ\. соч\.?|Ukaz\. soch\.?|art\. cit\.?)"
)

PROSE_WORDS = frozenset(
    _words(
        """was were is are has have had would could should will did does been being which who whom
    whose that this these those it its they their them there not only also however although
    because since while when where whether our we his her he she i my me you your than then
    very so such what if can may might must
    """
    )
)

ARCHIVE_WORDS = re.compile(
    r"\b(Archives?|Archive[sn]|Archiv|Archivum|Archivio|Levéltár|Levéltára|Archiwum|Archív|"
    r"Record Office|Manuscript Library|Presidential Library|(?<=[A-Z]\. )?Library(?= ?[,.(])|"
    r"Libraries|Hoover Institution|RGANI|RGASPI|GARF|AVP RF|APRF|TsAMO|MNL OL|MOL|ÁBTL|NARA|"
    r"SAPMO|BArch|PA AA|AAN|AMSZ|NA ČR|AMZV|ABS|SNA|PIL|OSA|TNA|PRO)\b"
)

# A repository's name in English word order ("Dwight D. Eisenhower Library"). A capitalised word
# starts only at a word boundary (the lookbehind): matched at the start of a text that is always
# so, and a search no longer tries the name from every letter of a long word, each try running
# to the word's end (quadratic).
REPOSITORY_NAME = re.compile(
    r"(?:(?:(?<![\w.'’\-])[A-Z][\w.'’\-]*+|of|the|and|for|de|des|du|für|der)\s++){0,7}"
    r"(?:Archives?|Archiv(?:es)?|Levéltár|Archiwum|Record Office|Manuscript Library|Library|"
    r"Institution)\b"
)


def starts_with_place(text: str) -> bool:
    return bool(_PLACE_RE.match(text.strip()))


_LATIN_WORD = re.compile(r"[A-Za-z]+")


def prose_count(text: str) -> int:
    words = _LATIN_WORD.findall(text)
    return sum(1 for w in words if w.lower() in PROSE_WORDS)
