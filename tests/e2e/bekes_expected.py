"""What the notes of the Békés paper cite, written by reading each note.

Each citation lists the fields that must be found (a subset of what the parser returns); names
are (family, given). Locators are the pinpoint pages the note points to. A field given as None
must be absent; "hierarchy" lists the archival levels (level, text) in order.
"""

NOTE_COUNT = 23
COMMENTARY_ONLY = (8, 9, 10, 13, 20, 22, 23)

EXPECTED = {
    1: [
        {
            "prefix": "An earlier version of this paper was published as:",
            "title": "Hidegháború, enyhülés és az 1956-os magyar forradalom",
            "container-title": "Évkönyv V. 1996-1997",
            "publisher": "1956-os Intézet",
            "publisher-place": "Budapest",
            "year": 1997,
            "page": "201-213",
        }
    ],
    2: [
        {
            "editor": [("Immerman", "Richard H.")],
            "title": "John Foster Dulles and the Diplomacy of the Cold War",
            "publisher": "Princeton University Press",
            "year": 1990,
        },
        {
            "author": [("Holloway", "David")],
            "title": "Stalin and the Bomb: the Soviet Union and Atomic Energy, 1939-1956",
            "publisher-place": "New Haven",
            "year": 1994,
        },
        {
            "editor": [("Leffler", "Melvyn P."), ("Painter", "Davis S.")],
            "title": "Origins of the Cold War. An International History",
            "publisher": "Routledge",
            "year": 1994,
        },
        {
            "author": [("Mastny", "Vojtech")],
            "title": "The Cold War and Soviet Insecurity: The Stalin Years",
            "publisher-place": "New York",
            "year": 1996,
        },
        {
            "author": [("Zubok", "Vladislav"), ("Pleshakov", "Konstantin")],
            "title": "Inside the Kremlin’s Cold War. From Stalin to Khrushchev",
            "publisher": "Harvard University Press",
            "year": 1996,
        },
        {"author": [("Gaddis", "John Lewis")], "title": "We Now Know", "year": 1997},
        {
            "author": [("Trachtenberg", "Marc")],
            "title_startswith": "A Constructed Peace",
            "publisher": "Princeton University Press",
            "year": 1999,
        },
        {
            # the parenthesis defines the short name the notes use from here on: not title
            "prefix": "See also",
            "title": "Bulletin",
            "title-short": "CWIHP Bulletin",
            "publisher": "Woodrow Wilson International Center for Scholars "
            "Cold War International History Project",
        },
        {"title": "CWIHP Working Papers"},
    ],
    3: [
        {
            "author": [("Hyland", "William H.")],
            "title": "The Cold War. Fifty Years of Conflict",
            "publisher": "Times Books",
            "year": 1990,
            "locator": "59",
        }
    ],
    4: [
        {
            "prefix": "Cf.",
            "author": [("Steininger", "Rolf")],
            "translator": [("Hedges", "Jane T.")],
            "title": "The German Question: The Stalin Note of 1952 and the Problem of Reunification",
            "publisher-place": "New York",
            "year": 1990,
        },
        {
            "author": [("Bjornstad", "Stein")],
            "title": "Soviet German Policy and the Stalin Note of 10 March 1952",
            "type": "thesis",
            "year": 1996,
        },
    ],
    5: [
        {
            "prefix": "Cf.",
            "author": [("Hershberg", "Jim")],
            "title": "Germany and the Cold War: New Evidence from East Bloc Archives",
            "container-title": "CWIHP Bulletin",
            "issue": "4",
            "year": 1994,
            "type": "article-journal",
        }
    ],
    6: [
        {
            "prefix": "Cf.",
            "author": [("Kalmár", "Melinda")],
            "title": "A politika poetikája. Irodalomideológia az ötvenes évek első felében",
            "translated-title": "Poetics of Politics. Literary ideology in the early 1950s",
            "container-title": "Holmi",
            "issue": "5",
            "year": 1993,
        },
        {
            "author": [("Urbán", "Károly")],
            "title_startswith": "Sztálin haláltól a forradalom kitöréséig",
            "translated-title": "From the Death of Stalin to the Outbreak of the Revolution. "
            "The History of Hungarian-Soviet Relations (1953-1956)",
            "year": 1996,
            "type": "manuscript",
            "accessed": None,  # "(1953-1956)" is in the title, nothing says it was accessed
        },
        {
            "prefix": "Cf.",
            "title_startswith": "Történelmi utunk",
            "container-title": "Társadalmi Szemle",
            "year": 1989,
            "locator": "26",
        },
    ],
    7: [
        {
            "archive": "Hungarian National Archive",
            "archive_collection": "XIX-J-l-j, Foreign Ministry, Great Britain, Top Secret documents",
            "archive_location": "00183/13/1953",
        }
    ],
    11: [
        {
            "prefix": "Cf.",
            "title": "The “Malin Notes” on the Crises in Hungary and Poland, 1956",
            "editor": [("Kramer", "Mark")],
            "container-title": "CWIHP Bulletin",
            "issue": "8-9",
            "locator": "393",
        }
    ],
    12: [
        {
            "prefix": "For a recent account on this crisis see:",
            "author": [("Chen", "Jian")],
            "title": "Mao’s China and the Cold War",
            "publisher": "The University of North Carolina Press",
            "publisher-place": "Chapel Hill and London",
            "year": 2001,
            "locator": "163-204",
        },
        {
            "author": [("Zubok", "Vladislav")],
            "title": "The Khrushchev-Mao Conversations, 31 July-3 August 1958 and 2 October 1959",
            "container-title": "CWIHP Bulletin",
            "issue": "12/13",
            "year": 2001,
            "page": "243-272",
        },
    ],
    14: [
        {"title": "CWIHP Bulletin"},
        {
            "prefix": "See also",
            "title": "The Cuban Missile Crisis",
            "publisher-place": "Washington D.C",
        },
    ],
    15: [
        {
            "author": [("Kovrig", "Bennett")],
            "title": "Of Walls and Bridges: The United States and Eastern Europe",
            "publisher": "New York University Press",
            "publisher-place": "New York",
            "year": 1991,
        },
        {
            "author": [("Kovrig", "Bennett")],
            "title": "The Myth of Liberation: East-Central Europe in U.S. Diplomacy and Politics since 1941",
            "publisher": "The John Hopkins University Press",
            "publisher-place": "Baltimore",
            "year": 1973,
        },
        {
            "author": [("Marchio", "David James")],
            "title": "Rhetoric and Reality: The Eisenhower Administration and Unrest in Eastern Europe, 1953-1959",
            "publisher": "University Microfilms International",
            "year": 1992,
        },
        {
            "prefix": "For a recent assessment of East-West relations in these years, see",
            "author": [("Békés", "Csaba")],
            "title": "The 1956 Revolution and World Politics",
            "collection-title": "CWIHP Working Paper",
            "number": "16",
            "year": 1996,
        },
        {
            "prefix": "The author’s analysis of this topic is largely based on his extensive "
            "archival research in the following collections in the US and Great Britain:",
            "archive": "Seeley G. Mudd Manuscript Library, Princeton University",
            "archive-place": "Princeton, New Jersey",
            "archive_collection": "Dulles, A. W.: Papers",
            "hierarchy": [("collection", "Dulles, A. W.: Papers")],
        },
        {
            "prefix": None,  # the lead-in introduces only the first collection of the list
            "archive": "Seeley G. Mudd Manuscript Library, Princeton University",
            "archive-place": "Princeton, New Jersey",
            "archive_collection": "Dulles, J. F.: Papers",
            "hierarchy": [("collection", "Dulles, J. F.: Papers")],
        },
        {
            "archive": "Dwight D. Eisenhower Library",
            "archive-place": "Abilene, Kansas",
            "archive_collection": "Eisenhower D. D.: Papers as President of the United States "
            "(Ann Whitman File)",
        },
        {
            "archive": "Dwight D. Eisenhower Library",
            "archive_collection": "Eisenhower, D. D.: Records as President, "
            "White House Central Files, Confidential Files",
            "hierarchy": [
                ("collection", "Eisenhower, D. D.: Records as President"),
                ("collection", "White House Central Files"),
                ("collection", "Confidential Files"),
            ],
        },
        {
            "prefix": None,
            "archive": "Dwight D. Eisenhower Library",
            "archive_collection": "Jackson, C. D.: Papers",
            "hierarchy": [("collection", "Jackson, C. D.: Papers")],
        },
        {
            "archive": "Dwight D. Eisenhower Library",
            "archive_collection": "White House Office, Office of the Staff Secretary: "
            "Records of Paul T. Carroll, Andrew J. Goodpastor, L. Arthur Minnich. "
            "and Christopher H. Russell",
        },
        {
            "archive": "Dwight D. Eisenhower Library",
            "archive_collection": "White House Office, National Security Council Staff: Papers",
        },
        {"archive": "Dwight D. Eisenhower Library", "archive_collection": "Dulles, J.F. Papers"},
        {
            "archive": "National Archives",
            "archive-place": "Washington, D.C.",
            "archive_collection": "National Security Council Reports, RG 273",
        },
        {
            "archive": "National Archives",
            "archive_collection": "Department of State, Central Decimal Files, RG 59",
        },
        {
            "archive": "National Archives",
            "archive_collection": "Records of the Joint Chiefs of Staff, RG 330",
        },
        {"archive": "National Archives", "archive_collection": "Papers of Admiral Radford, RG 218"},
        {
            "archive": "National Archives",
            "archive_collection": "Records of U.S. Department of State, "
            "Office of Public Opinion Studies, RG 59",
        },
        {
            "archive": "United Nations Archives",
            "archive-place": "New York, N. Y.",
            "archive_collection": "PSCA Confidential Notes",
            "title": "Chronological Summary regardig Hungary",
        },
        {"archive": "United Nations Archives", "archive_collection": "Andrew Cordier File"},
        {"archive": "National Security Archive"},
        {
            "archive": "Public Record Office",
            "archive-place": "London, Kew",
            "archive_collection": "Cabinet meetings",
        },
        {"archive": "Public Record Office", "archive_collection": "Prime Minister A. Eden papers"},
        {
            "archive": "Public Record Office",
            "archive_collection": "Foreign Secretary S. Lloyd papers",
        },
        {
            "archive": "Public Record Office",
            "archive_collection": "Foreign Office, General Correspondence",
        },
    ],
    16: [
        {
            "author": [("White", "Brian")],
            "title": "Britain, Détente and Changing East-West Relations",
            "publisher": "Routledge",
            "year": 1992,
            "locator": "55-56",
        },
        {
            "prefix": "On the Eden Plan see:",
            "author": [("Dockrill", "Sacki")],
            "title": "The Eden Plan",
            "container-title": "Cold War Respite: The Geneva Summit of 1955",
            "editor": [("Bischof", "Günter"), ("Dockrill", "Saki")],
            "page": "117-154",
            "publisher": "Louisiana State University Press",
            "publisher-place": "Baton Rouge",
            "year": 2000,
            "type": "chapter",
        },
    ],
    17: [
        {
            "author": [("Kovrig", "Bence")],
            "title": "Liberators: the superpowers and Hungary in 1956",
            "container-title": "Hungary and the Superpowers in the 20th century",
            "editor": [("Romsics", "Ignác")],
            "publisher": "László Teleki Foundation",
            "publisher-place": "Budapest",
            "year": 1995,
            "type": "chapter",
        },
        {
            "author": [("Békés", "Csaba")],
            "title": "The 1956 Hungarian Revolution in World Politics",
        },
        {"publisher": "Wilson Center Press", "contributor_includes": ("Chen", "Chien")},
        {
            "title_startswith": "The 1956 Hungarian Revolution: A History in Documents",
            "editor": [("Békés", "Csaba"), ("Byrne", "Malcolm"), ("Rainer", "János M.")],
            "publisher": "Central European University Press",
            "year": 2002,
        },
    ],
    18: [
        {
            "author": [("Békés", "Csaba")],
            "title": "A brit kormány és az 1956-os magyar forradalom",
            "container-title": "Évkönyv",  # a numbered yearbook (corpus README)
            "volume": "I",
            "year": 1992,
        },
        {
            "author": [("Békés", "Csaba")],
            "title": "A magyar kérdés az ENSZ-ben és a nyugati nagyhatalmak titkos tárgyalásai "
            "1956. október 28. - november 4. (Brit külügyi dokumentumok)",
            "translated-title": "The Hungarian issue in the UN and the secret negotiations of "
            "the Western Great Powers 28 October – 4 November 1956. "
            "(Documents of British foreign affairs)",
            "collection-title": None,
            "container-title": "Évkönyv",
            "volume": "II",
            "year": 1993,
        },
        {
            "author": [("Borhi", "László")],
            "container-title": "Journal of Cold War Studies",
            "volume": "I",
            "issue": "3",
            "year": 1999,
        },
    ],
    19: [
        {
            # a multi-volume edition with a volume title: the set, the volume, its own title
            "collection-title": "Foreign Relations of the United States, 1955-1957",
            "volume": "XXV",
            "title": "Eastern Europe",
            "publisher": "United States Government Printing Office",
            "locator": "318",
        }
    ],
    21: [
        {
            "title": "The “Malin Notes” on the Crises in Hungary and Poland, 1956",
            "editor": [("Kramer", "Mark")],
            "container-title": "CWIHP Bulletin",
            "locator": "389",
        }
    ],
}
