"""The demo archive's facts, as plain data: read by reviews.demo.loader.

Every non-obvious fact names its published source in a comment (keys of SOURCES). Where
sources disagree, the value stored is one of them and each source becomes a Citation row
(the `citations` lists), so editors can see the disagreement. IMDb ids are filled in only
where an IMDb page or two independent listings confirmed them; Wikidata ids and the IMDb
ids of people are left empty because none could be verified (a wrong id is worse than none).

Synopses and the editors' reviews are the archive's own writing.
"""

from datetime import UTC, date, datetime

# Published sources consulted, by key: (title, address).
SOURCES = {
    "wp-cranes": ("Wikipedia, “The Cranes Are Flying”", "https://en.wikipedia.org/wiki/The_Cranes_Are_Flying"),
    "ruwp-cranes": ("Wikipedia (Russian), «Летят журавли», revision of 9 December 2008", ""),
    "imdb-cranes": ("IMDb, “Letyat zhuravli” (1957)", "https://www.imdb.com/title/tt0050634/"),
    "kinoglaz-cranes": ("Kinoglaz, «Летят журавли»", "https://kinoglaz.fr/film_ru_400.html"),
    "videohound-cranes": (
        "VideoHound's Golden Movie Retriever, via Encyclopedia.com, “The Cranes Are Flying”",
        "https://www.encyclopedia.com/arts/culture-magazines/cranes-are-flying",
    ),
    "criterion-cranes": ("The Criterion Collection, “The Cranes Are Flying”, spine #146", ""),
    "berlinale-cranes": (
        "Berlinale 2018 Classics, “Letjat schurawli” (restored version)",
        "https://www.berlinale.de/en/2018/programme/201802248.html",
    ),
    "wp-kalatozov": ("Wikipedia, “Mikhail Kalatozov”", "https://en.wikipedia.org/wiki/Mikhail_Kalatozov"),
    "britannica-kalatozov": (
        "Britannica, “Mikhail Kalatozov”",
        "https://kids.britannica.com/students/article/Mikhail-Kalatozov/327893",
    ),
    "wp-urusevsky": ("Wikipedia, “Sergey Urusevsky”", "https://en.wikipedia.org/wiki/Sergey_Urusevsky"),
    "bse-urusevsky": (
        "Great Soviet Encyclopedia, “Urusevskii, Sergei Pavlovich”",
        "http://ed.newdu.com/k2042910.html",
    ),
    "filmref-urusevsky": (
        "Film Reference, “Sergei Urusevsky”",
        "http://www.filmreference.com/Writers-and-Production-Artists-Ta-Vi/Urusevsky-Sergei.html",
    ),
    "wp-samoilova": ("Wikipedia, “Tatiana Samoilova”", "https://en.wikipedia.org/wiki/Tatiana_Samoilova"),
    "guardian-samoilova": (
        "The Guardian, “Tatiana Samoilova obituary”, 12 May 2014",
        "https://www.theguardian.com/film/2014/may/12/tatiana-samoilova",
    ),
    "wp-batalov": ("Wikipedia, “Aleksey Batalov”", "https://en.wikipedia.org/wiki/Aleksey_Batalov"),
    "wp-merkuryev": ("Wikipedia, “Vasili Merkuryev”", "https://en.wikipedia.org/wiki/Vasili_Merkuryev"),
    "wp-rozov": ("Wikipedia, “Viktor Rozov”", "https://en.wikipedia.org/wiki/Viktor_Rozov"),
    "weinberg": (
        "Jewish Music WebCenter, “Weinberg, Mieczyslaw”; IRCAM Brahms, “Mieczysław Weinberg”",
        "https://brahms.ircam.fr/en/composer/mieczyslaw-weinberg/biography",
    ),
    "ina-1958": (
        "INA, “Palmarès du festival 1958” (Marcel Achard reads the awards, 18 May 1958)",
        "https://fresques.ina.fr/festival-de-cannes-fr/fiche-media/Cannes00049/palmares-du-festival-1958.html",
    ),
    "cineartistes-1958": (
        "Cinéartistes, “Festival de Cannes 1958”",
        "https://cineartistes.com/festival-Festival+de+Cannes+1958.html",
    ),
    "cinetom-1958": ("Cinetom, “Festival de Cannes 1958”", "https://www.cinetom.fr/archives/2009/05/06/13631036.html"),
    "wp-cannes-1954": (
        "Wikipedia, “1954 Cannes Film Festival”",
        "https://en.wikipedia.org/wiki/1954_Cannes_Film_Festival",
    ),
    "wp-cannes-1955": (
        "Wikipedia, “1955 Cannes Film Festival”",
        "https://en.wikipedia.org/wiki/1955_Cannes_Film_Festival",
    ),
    "wp-cannes-1956": (
        "Wikipedia, “1956 Cannes Film Festival”",
        "https://en.wikipedia.org/wiki/1956_Cannes_Film_Festival",
    ),
    "wp-cannes-1957": (
        "Wikipedia, “1957 Cannes Film Festival”",
        "https://en.wikipedia.org/wiki/1957_Cannes_Film_Festival",
    ),
    "cinetom-1957": ("Cinetom, “Festival de Cannes 1957”", "http://www.cinetom.fr/archives/2009/04/29/13557002.html"),
    "wp-cannes-1959": (
        "Wikipedia, “1959 Cannes Film Festival”",
        "https://en.wikipedia.org/wiki/1959_Cannes_Film_Festival",
    ),
    "ina-1959": (
        "INA, “Palmarès du festival 1959”",
        "https://fresques.ina.fr/festival-de-cannes-fr/fiche-media/Cannes00056/palmares-du-festival-1959.html",
    ),
    "frwp-cannes-1960": (
        "Wikipédia, « Festival de Cannes 1960 »",
        "https://fr.wikipedia.org/wiki/Festival_de_Cannes_1960",
    ),
    "ina-1960": (
        "INA, “List of winners of the 1960 Cannes Festival”",
        "https://fresques.ina.fr/festival-de-cannes-en/fiche-media/Cannes00066/list-of-winners-of-the-1960-cannes-festival.html",
    ),
    "levy-1960": (
        "Emanuel Levy, “Cannes Film Fest 1960”",
        "https://emanuellevy.com/festival/cannes-film-fest-1960-fellinis-dolce-vita-wins-top-award/",
    ),
    "wp-venice-1962": (
        "Wikipedia, “23rd Venice International Film Festival”",
        "https://en.wikipedia.org/wiki/23rd_Venice_International_Film_Festival",
    ),
    "itwp-venice-1962": (
        "Wikipedia (Italian), «23ª Mostra internazionale d'arte cinematografica di Venezia»",
        "https://it.wikipedia.org/wiki/23%C2%AA_Mostra_internazionale_d%27arte_cinematografica_di_Venezia",
    ),
    "palme-history": (
        "Wikipedia, “Palme d'Or” (history of the prize's name)",
        "https://en.wikipedia.org/wiki/Palme_d%27Or",
    ),
    "wp-forty-first": (
        "Wikipedia, “The Forty-First (1956 film)”",
        "https://en.wikipedia.org/wiki/The_Forty-First_(1956_film)",
    ),
    "imdb-forty-first": ("IMDb, “Sorok pervyy” (1956)", "https://www.imdb.com/title/tt0049783/"),
    "wp-ballad": ("Wikipedia, “Ballad of a Soldier”", "https://en.wikipedia.org/wiki/Ballad_of_a_Soldier"),
    "wp-letter": ("Wikipedia, “Letter Never Sent (film)”", "https://en.wikipedia.org/wiki/Letter_Never_Sent_(film)"),
    "criterion-letter": (
        "DVD Savant review of the Criterion Blu-ray “Letter Never Sent” (Criterion 601)",
        "https://www.dvdtalk.com/dvdsavant/s3826sent.html",
    ),
    "pitt-letter": (
        "University of Pittsburgh Russian Film Symposium, “The Letter Never Sent”",
        "http://rusfilm-old.pitt.edu/2001/letter.html",
    ),
    "imdb-letter": ("IMDb, “Neotpravlennoye pismo”", "https://www.imdb.com/title/tt0053106/"),
    "milestone-cuba": ("Milestone Films press kit, “I Am Cuba”", ""),
    "imdb-cuba": ("IMDb, “Soy Cuba” (1964)", "https://www.imdb.com/title/tt0058604/"),
    "wp-ivans-childhood": ("Wikipedia, “Ivan's Childhood”", "https://en.wikipedia.org/wiki/Ivan%27s_Childhood"),
    "wp-lady-dog": (
        "Wikipedia, “The Lady with the Dog (film)”",
        "https://en.wikipedia.org/wiki/The_Lady_with_the_Dog_(film)",
    ),
    "wp-ivan-terrible": (
        "Wikipedia, “Ivan the Terrible (1945 film)”",
        "https://en.wikipedia.org/wiki/Ivan_the_Terrible_(1945_film)",
    ),
    "tcm-ivan": (
        "Turner Classic Movies, “Ivan the Terrible (Part 1)”",
        "https://tcm.com/tcmdb/title/440838/ivan-the-terrible-part-1",
    ),
    "wp-marty": ("Wikipedia, “Marty (film)”", "https://en.wikipedia.org/wiki/Marty_(film)"),
    "unifrance-silent": ("UniFrance, “The Silent World”", "https://en.unifrance.org/movie/6527/the-silent-world"),
    "wp-friendly": (
        "Wikipedia, “Friendly Persuasion (1956 film)”",
        "https://en.wikipedia.org/wiki/Friendly_Persuasion_(1956_film)",
    ),
    "tcm-friendly": (
        "Turner Classic Movies, “Friendly Persuasion”",
        "https://www.tcm.com/tcmdb/title/16760/friendly-persuasion",
    ),
    "wp-orpheus": ("Wikipedia, “Black Orpheus”", "https://en.wikipedia.org/wiki/Black_Orpheus"),
    "wp-mon-oncle": ("Wikipedia, “Mon Oncle”", "https://en.wikipedia.org/wiki/Mon_Oncle"),
    "wp-long-summer": ("Wikipedia, “The Long, Hot Summer”", "https://en.wikipedia.org/wiki/The_Long,_Hot_Summer"),
    "sfdb-brink": (
        "Svensk Filmdatabas, “Nära livet”",
        "http://www.svenskfilmdatabas.se/sv/item/?type=film&itemid=4559",
    ),
    "longtake-giovani": ("Longtake, «Giovani mariti»", "https://www.longtake.it/it/film/giovani-mariti"),
    "ritrovato-cronaca": (
        "Il Cinema Ritrovato, «Cronaca familiare»",
        "https://festival.ilcinemaritrovato.it/en/film/cronaca-familiare/",
    ),
    "forum-gate": ("Forum des images, « La Porte de l'Enfer »", "https://www.forumdesimages.fr/la-porte-de-lenfer"),
}


# ---------------------------------------------------------------------------------------
# People with more than a name, keyed by the canonical name used in credits, juries and
# award recipients. Anyone named elsewhere but not here is created with the name alone.
# other_names: (name, kind, language); kinds are PersonName.Kind values.
PEOPLE = {
    "Mikhail Kalatozov": {
        # Birth 28 December 1903 (N.S.) in Tiflis: wp-kalatozov; death date disputed, see citations.
        "birth_date": date(1903, 12, 28),
        "birth_place": "Tiflis, Russian Empire (now Tbilisi, Georgia)",
        "death_date": date(1973, 3, 27),
        "death_place": "Moscow, Soviet Union",
        "other_names": [
            ("Mikheil Kalatozishvili", "birth_name", "ka-Latn"),
            ("მიხეილ კალატოზიშვილი", "original_script", "ka"),
            ("Михаил Калатозов", "original_script", "ru"),
            ("Mikhail Konstantinovich Kalatozov", "alternative", "en"),
            ("Michail Kalatosow", "alternative", "de"),  # German spelling, Berlinale 2018
            ("Mikhaïl Kalatozov", "alternative", "fr"),
            ("Mikhail Kalatazov", "misspelling", "en"),  # as spelled by soviethistory.msu.edu
            ("Mikhail Kalatosov", "misspelling", "en"),
        ],
        "biography": "Georgian-born Soviet director, first a cameraman, who made The Cranes Are Flying, "
        "Letter Never Sent and I Am Cuba with the cinematographer Sergey Urusevsky.",
        "citations": [
            {"fact": "death date", "value": "27 March 1973", "source": "britannica-kalatozov"},
            {
                "fact": "death date",
                "value": "26 March 1973",
                "source": "wp-kalatozov",
                "note": "Older revisions of the same article and most film databases give 27 March.",
            },
        ],
    },
    "Sergey Urusevsky": {
        # 10 (23) December 1908, Saint Petersburg – 12 November 1974, Moscow: wp-urusevsky, bse-urusevsky.
        "birth_date": date(1908, 12, 23),
        "birth_place": "Saint Petersburg, Russian Empire",
        "death_date": date(1974, 11, 12),
        "death_place": "Moscow, Soviet Union",
        "other_names": [
            ("Сергей Урусевский", "original_script", "ru"),
            ("Sergei Urusevsky", "transliteration", "en"),
            ("Sergei Urusevskii", "transliteration", "en"),  # Library of Congress style, bse-urusevsky
            ("Sergei Urussewski", "alternative", "de"),  # Berlinale 2018
            ("Sergei Uresevsky", "misspelling", "en"),  # the seed review's spelling
        ],
        "biography": "Soviet cinematographer, a front-line cameraman in the Second World War, known for the "
        "moving, subjective camera of his films with Mikhail Kalatozov; he later directed two films.",
        "citations": [
            {"fact": "birth and death", "value": "23 December 1908 – 12 November 1974", "source": "bse-urusevsky"}
        ],
    },
    "Tatiana Samoilova": {
        # 4 May 1934, Leningrad – 4 May 2014, Moscow: wp-samoilova.
        "birth_date": date(1934, 5, 4),
        "birth_place": "Leningrad, Soviet Union",
        "death_date": date(2014, 5, 4),
        "death_place": "Moscow, Russia",
        "other_names": [
            ("Татьяна Самойлова", "original_script", "ru"),
            ("Tatyana Samoylova", "transliteration", "en"),  # IMDb
            ("Tatyana Samojlova", "transliteration", "en"),  # English Wikipedia infobox; IMDb credit “T. Samojlova”
            ("Tatyana Samoilova", "alternative", "en"),  # the seed review's spelling
            ("Tatiana Samoïlova", "alternative", "fr"),
            ("Tatjana Samoilowa", "alternative", "de"),
        ],
        "biography": "Soviet and Russian actress; her first lead, Veronika in The Cranes Are Flying, brought "
        "her a special mention at Cannes in 1958.",
        "citations": [
            {
                "fact": "death date",
                "value": "4 May 2014",
                "source": "wp-samoilova",
                "note": "An early revision (5 May 2014) gave 5 May; later revisions give 4 May, her 80th birthday.",
            }
        ],
    },
    "Aleksey Batalov": {
        # 20 November 1928, Vladimir – 15 June 2017: wp-batalov.
        "birth_date": date(1928, 11, 20),
        "birth_place": "Vladimir, Soviet Union",
        "death_date": date(2017, 6, 15),
        "other_names": [
            ("Алексей Баталов", "original_script", "ru"),
            ("Alexei Batalov", "transliteration", "en"),
            ("Alexej Batalow", "alternative", "de"),
        ],
        "biography": "Soviet and Russian actor and director, a leading actor of the Khrushchev Thaw.",
    },
    "Vasili Merkuryev": {
        # 6 April 1904, Ostrov – 12 May 1978, Leningrad: wp-merkuryev.
        "birth_date": date(1904, 4, 6),
        "birth_place": "Ostrov, Russian Empire",
        "death_date": date(1978, 5, 12),
        "death_place": "Leningrad, Soviet Union",
        "other_names": [
            ("Василий Меркурьев", "original_script", "ru"),
            ("Vasily Merkuryev", "transliteration", "en"),
            ("Vasiliy Merkurev", "transliteration", "en"),  # IMDb
        ],
    },
    "Aleksandr Shvorin": {
        # Birth and death dates found in one unreliable source only: left empty.
        "other_names": [("Александр Шворин", "original_script", "ru"), ("Alexander Schworin", "alternative", "de")],
    },
    "Viktor Rozov": {
        # 21 August 1913, Yaroslavl – 28 September 2004, Moscow: wp-rozov.
        "birth_date": date(1913, 8, 21),
        "birth_place": "Yaroslavl, Russian Empire",
        "death_date": date(2004, 9, 28),
        "death_place": "Moscow, Russia",
        "other_names": [("Виктор Розов", "original_script", "ru")],
        "biography": "Soviet playwright and screenwriter; his play Alive Forever (Вечно живые) became "
        "The Cranes Are Flying.",
    },
    "Mieczysław Weinberg": {
        # 8 December 1919, Warsaw – 26 February 1996, Moscow; credited in the USSR as Moisei Vainberg: weinberg.
        "slug": "mieczyslaw-weinberg",
        "birth_date": date(1919, 12, 8),
        "birth_place": "Warsaw, Poland",
        "death_date": date(1996, 2, 26),
        "death_place": "Moscow, Russia",
        "other_names": [
            ("Moisei Vainberg", "transliteration", "en"),
            ("Моисей Вайнберг", "original_script", "ru"),
            ("Moisey Vaynberg", "transliteration", "en"),
            ("Mieczysław Wajnberg", "alternative", "pl"),
        ],
        "biography": "Polish-born Soviet composer of symphonies, quartets and operas, and of some seventy film scores.",
    },
    "Sergei Eisenstein": {
        # 22 January 1898 – 11 February 1948: Wikipedia, “Sergei Eisenstein”.
        "birth_date": date(1898, 1, 22),
        "death_date": date(1948, 2, 11),
        "other_names": [("Сергей Эйзенштейн", "original_script", "ru"), ("Sergei M. Eisenstein", "alternative", "en")],
    },
    "Grigori Chukhrai": {
        # 23 May 1921 – 28 October 2001: Wikipedia, “Grigori Chukhrai”.
        "birth_date": date(1921, 5, 23),
        "death_date": date(2001, 10, 28),
        "other_names": [
            ("Григорий Чухрай", "original_script", "ru"),
            ("Grigoriy Chukhray", "transliteration", "en"),  # IMDb
            ("Grigori Tchoukhraï", "alternative", "fr"),
        ],
    },
    "Andrei Tarkovsky": {"other_names": [("Андрей Тарковский", "original_script", "ru")]},
    "Iosif Kheifits": {
        "other_names": [("Иосиф Хейфиц", "original_script", "ru"), ("Josef Heifitz", "alternative", "en")]
    },
    "Innokenty Smoktunovsky": {"other_names": [("Иннокентий Смоктуновский", "original_script", "ru")]},
    "Yevgeni Urbansky": {"other_names": [("Евгений Урбанский", "original_script", "ru")]},
    "Valentin Zubkov": {"other_names": [("Валентин Зубков", "original_script", "ru")]},
    "Sergei Yutkevich": {
        "other_names": [("Сергей Юткевич", "original_script", "ru"), ("Serge Youtkevitch", "alternative", "fr")]
    },
    "Sergei Vasilyev": {"other_names": [("Сергей Васильев", "original_script", "ru")]},
    "Grigori Kozintsev": {"other_names": [("Григорий Козинцев", "original_script", "ru")]},
}


# ---------------------------------------------------------------------------------------
# Films. credits: (canonical person name, role, character, billing order or None).
# titles: (title, kind, language). citations: {fact, value, source key, note?}.
# countries: ISO 3166 codes (SUHH, ISO 3166-3, for the former USSR), of the countries migrate loads.

FILMS = [
    {
        # Facts: wp-cranes (director, writer from his play, camera, music, editor, Mosfilm, USSR,
        # release 12 October 1957, cast); imdb-cranes; kinoglaz-cranes (designer, Russian titles);
        # berlinale-cranes (German title, designer, editor). Runtimes disagree: citations.
        "slug": "the-cranes-are-flying-1957",
        "title": "The Cranes Are Flying",
        "year": 1957,
        "countries": ["SUHH"],
        "runtime_minutes": 95,
        "imdb_id": "tt0050634",
        "is_featured": True,
        "synopsis": "Moscow, June 1941. Veronika and Boris are in love when the war begins; Boris volunteers and "
        "leaves for the front before she can say goodbye. After her parents are killed in an air raid, Veronika "
        "lives with Boris's family and, alone and desperate, marries his cousin Mark. She goes on waiting for "
        "Boris until the war ends and the soldiers come home.",
        "tags": [
            "soviet thaw",
            "world war ii",
            "palme d'or",
            "cinematography",
            "melodrama",
            "war film",
            "black and white",
            "mosfilm",
            "khrushchev",
            "literary adaptation",
        ],
        "titles": [
            ("Летят журавли", "original", "ru"),
            ("Letyat zhuravli", "transliterated", "ru-Latn"),
            ("The Cranes Are Flying", "translated", "en"),
            ("Quand passent les cigognes", "translated", "fr"),
            ("Wenn die Kraniche ziehen", "translated", "de"),
            ("Quando volano le cicogne", "translated", "it"),
            ("Cuando pasan las cigüeñas", "translated", "es"),
        ],
        "credits": [
            ("Mikhail Kalatozov", "director", "", None),
            ("Viktor Rozov", "writer", "", None),
            ("Sergey Urusevsky", "cinematographer", "", None),
            ("Mieczysław Weinberg", "composer", "", None),
            ("Mariya Timofeyeva", "editor", "", None),
            ("Yevgeny Svidetelev", "production_designer", "", None),
            ("Tatiana Samoilova", "actor", "Veronika", 1),
            ("Aleksey Batalov", "actor", "Boris", 2),
            ("Vasili Merkuryev", "actor", "Fyodor Ivanovich", 3),
            ("Aleksandr Shvorin", "actor", "Mark", 4),
            ("Svetlana Kharitonova", "actor", "Irina", 5),
            ("Valentin Zubkov", "actor", "Stepan", 6),
            ("Antonina Bogdanova", "actor", "Grandmother", 7),
        ],
        "citations": [
            {"fact": "runtime", "value": "95 min", "source": "wp-cranes", "note": "IMDb also gives 1 h 35 min."},
            {"fact": "runtime", "value": "97 min", "source": "kinoglaz-cranes", "note": "Also the Russian Wikipedia."},
            {"fact": "runtime", "value": "91 min", "source": "videohound-cranes"},
            {"fact": "runtime", "value": "96 min", "source": "criterion-cranes"},
            {"fact": "runtime", "value": "98 min", "source": "berlinale-cranes", "note": "The 2018 restoration."},
            {"fact": "first release", "value": "12 October 1957 (USSR)", "source": "wp-cranes"},
        ],
    },
    {
        # wp-forty-first, imdb-forty-first; Cannes 1957 special award: cinetom-1957.
        "slug": "the-forty-first-1956",
        "title": "The Forty-First",
        "year": 1956,
        "countries": ["SUHH"],
        "runtime_minutes": 88,
        "imdb_id": "tt0049783",
        "synopsis": "In the Central Asian desert during the Civil War, a Red Army sniper with forty kills misses "
        "her forty-first, a White lieutenant, and is made his guard. Shipwrecked together on an island in the "
        "Aral Sea, captor and prisoner fall in love, until a White boat comes into view.",
        "tags": ["soviet thaw", "cinematography", "war film", "mosfilm", "literary adaptation"],
        "titles": [
            ("Сорок первый", "original", "ru"),
            ("Sorok pervyy", "transliterated", "ru-Latn"),
            ("The Forty-First", "translated", "en"),
            ("Le Quarante et unième", "translated", "fr"),
            ("Il quarantunesimo", "translated", "it"),
        ],
        "credits": [
            ("Grigori Chukhrai", "director", "", None),
            ("Grigori Koltunov", "writer", "", None),
            ("Sergey Urusevsky", "cinematographer", "", None),
            ("Nikolai Kryukov", "composer", "", None),
            ("Izolda Izvitskaya", "actor", "Maria Filatovna (Maryutka)", 1),
            ("Oleg Strizhenov", "actor", "Lieutenant Vadim Govorukha-Otrok", 2),
            ("Nikolai Kryuchkov", "actor", "Commissar Yevsyukov", 3),
        ],
    },
    {
        # wp-ballad (writers, camera, music, editor, Mosfilm, release 1 December 1959, cast).
        "slug": "ballad-of-a-soldier-1959",
        "title": "Ballad of a Soldier",
        "year": 1959,
        "countries": ["SUHH"],
        "is_featured": True,
        "synopsis": "A nineteen-year-old signalman who knocks out two German tanks asks, instead of a medal, for "
        "leave to see his mother and mend her roof. His six days drain away on the journey east, among the "
        "people the war has uprooted and a girl, Shura, who rides the same freight wagon.",
        "tags": ["soviet thaw", "world war ii", "war film", "black and white", "mosfilm"],
        "titles": [
            ("Баллада о солдате", "original", "ru"),
            ("Ballada o soldate", "transliterated", "ru-Latn"),
            ("Ballad of a Soldier", "translated", "en"),
            ("La Ballade du soldat", "translated", "fr"),
            ("La ballata di un soldato", "translated", "it"),
        ],
        "credits": [
            ("Grigori Chukhrai", "director", "", None),
            ("Valentin Yezhov", "writer", "", None),
            ("Grigori Chukhrai", "writer", "", None),
            ("Vladimir Nikolayev", "cinematographer", "", None),
            ("Era Savelyeva", "cinematographer", "", None),
            ("Mikhail Ziv", "composer", "", None),
            ("Mariya Timofeyeva", "editor", "", None),
            ("Vladimir Ivashov", "actor", "Alyosha Skvortsov", 1),
            ("Zhanna Prokhorenko", "actor", "Shura", 2),
            ("Antonina Maksimova", "actor", "Alyosha's mother", 3),
            ("Nikolai Kryuchkov", "actor", "The general", 4),
            ("Yevgeni Urbansky", "actor", "Vasya", 5),
        ],
    },
    {
        # wp-letter, criterion-letter, pitt-letter, imdb-letter. Year disputed: citations.
        "slug": "letter-never-sent-1959",
        "title": "Letter Never Sent",
        "year": 1959,
        "countries": ["SUHH"],
        "runtime_minutes": 96,
        "imdb_id": "tt0053106",
        "synopsis": "Three geologists and their guide search the Siberian taiga for diamonds. Their leader writes "
        "a long letter to his wife that he has no way to post. They find the stones at last, and then a forest "
        "fire cuts them off from their boat and supplies.",
        "tags": ["soviet thaw", "cinematography", "black and white"],
        "titles": [
            ("Неотправленное письмо", "original", "ru"),
            ("Neotpravlennoye pismo", "transliterated", "ru-Latn"),
            ("Letter Never Sent", "translated", "en"),
            ("The Unsent Letter", "alternative", "en"),
            ("La Lettre inachevée", "translated", "fr"),
            ("Lettera non spedita", "translated", "it"),
        ],
        "credits": [
            ("Mikhail Kalatozov", "director", "", None),
            ("Grigori Koltunov", "writer", "", None),
            ("Valeri Osipov", "writer", "", None),
            ("Viktor Rozov", "writer", "", None),
            ("Sergey Urusevsky", "cinematographer", "", None),
            ("Nikolai Kryukov", "composer", "", None),
            ("Tatiana Samoilova", "actor", "Tanya", 1),
            ("Innokenty Smoktunovsky", "actor", "Konstantin Sabinin", 2),
            ("Yevgeni Urbansky", "actor", "Sergei", 3),
            ("Vasili Livanov", "actor", "Andrei", 4),
            ("Galina Kozhakina", "actor", "Vera", 5),
        ],
        "citations": [
            {
                "fact": "year",
                "value": "1959",
                "source": "criterion-letter",
                "note": "Also the Viennale 2017 and Pittsburgh.",
            },
            {"fact": "year", "value": "1960", "source": "wp-letter", "note": "The year of its Soviet release."},
            {"fact": "runtime", "value": "96 min", "source": "criterion-letter"},
        ],
    },
    {
        # milestone-cuba (Cuba/USSR 1964, 141 min, writers, camera), imdb-cuba; music Carlos Fariñas and
        # editor Nina Glagoleva: Dennis Schwartz's review and Miami Herald; cast: Fandor.
        "slug": "i-am-cuba-1964",
        "title": "I Am Cuba",
        "year": 1964,
        "countries": ["SUHH", "CU"],
        "imdb_id": "tt0058604",
        "is_featured": True,
        "synopsis": "Four episodes from Batista's Cuba on the eve of the revolution: a young woman who sells "
        "herself to tourists in Havana, a cane farmer who loses his land, a student activist hunted by the "
        "police, and a peasant family that joins the rebels in the Sierra Maestra.",
        "tags": ["soviet thaw", "cinematography", "black and white", "mosfilm"],
        "titles": [
            ("Soy Cuba", "original", "es"),
            ("Я — Куба", "original", "ru"),
            ("Ya — Kuba", "transliterated", "ru-Latn"),
            ("I Am Cuba", "translated", "en"),
            ("Je suis Cuba", "translated", "fr"),
        ],
        "credits": [
            ("Mikhail Kalatozov", "director", "", None),
            ("Yevgeny Yevtushenko", "writer", "", None),
            ("Enrique Pineda Barnet", "writer", "", None),
            ("Sergey Urusevsky", "cinematographer", "", None),
            ("Carlos Fariñas", "composer", "", None),
            ("Nina Glagoleva", "editor", "", None),
            ("Luz María Collazo", "actor", "María (Betty)", 1),
            ("José Gallardo", "actor", "Pedro", 2),
            ("Sergio Corrieri", "actor", "Alberto", 3),
            ("Raúl García", "actor", "Enrique", 4),
            ("Jean Bouise", "actor", "Jim", 5),
        ],
    },
    {
        # wp-ivans-childhood (camera, music, editor, release 6 April 1962, Golden Lion); writers: Time Out;
        # character names: Dennis Schwartz's review. IMDb id: two independent listings.
        "slug": "ivans-childhood-1962",
        "title": "Ivan's Childhood",
        "year": 1962,
        "countries": ["SUHH"],
        "imdb_id": "tt0056111",
        "is_featured": True,
        "synopsis": "A twelve-year-old orphan scouts behind German lines for a Soviet unit on a river front. The "
        "officers who depend on him want to send him away to military school; he wants only to go on fighting. "
        "Between missions he dreams of the summer before the war.",
        "tags": [
            "soviet thaw",
            "world war ii",
            "war film",
            "black and white",
            "mosfilm",
            "golden lion",
            "literary adaptation",
        ],
        "titles": [
            ("Иваново детство", "original", "ru"),
            ("Ivanovo detstvo", "transliterated", "ru-Latn"),
            ("Ivan's Childhood", "translated", "en"),
            ("My Name Is Ivan", "alternative", "en"),
            ("L'infanzia di Ivan", "translated", "it"),
        ],
        "credits": [
            ("Andrei Tarkovsky", "director", "", None),
            ("Vladimir Bogomolov", "writer", "", None),
            ("Mikhail Papava", "writer", "", None),
            ("Vadim Yusov", "cinematographer", "", None),
            ("Vyacheslav Ovchinnikov", "composer", "", None),
            ("Lyudmila Feiginova", "editor", "", None),
            ("Nikolai Burlyayev", "actor", "Ivan", 1),
            ("Valentin Zubkov", "actor", "Captain Kholin", 2),
            ("Yevgeni Zharikov", "actor", "Lieutenant Galtsev", 3),
            ("Nikolai Grinko", "actor", "Colonel Gryaznov", 4),
            ("Valentina Malyavina", "actor", "Masha", 5),
        ],
    },
    {
        # wp-lady-dog (Lenfilm, release 28 January 1960, camera, music); cast and characters: kinoyurco.com.
        "slug": "the-lady-with-the-dog-1960",
        "title": "The Lady with the Dog",
        "year": 1960,
        "countries": ["SUHH"],
        "synopsis": "In Yalta at the end of the nineteenth century, a married Moscow banker on holiday alone "
        "begins an affair with a young married woman who walks her small dog on the promenade. Back home, "
        "neither can forget the other.",
        "tags": ["soviet thaw", "black and white", "literary adaptation"],
        "titles": [
            ("Дама с собачкой", "original", "ru"),
            ("Dama s sobachkoy", "transliterated", "ru-Latn"),
            ("The Lady with the Dog", "translated", "en"),
            ("La Dame au petit chien", "translated", "fr"),
        ],
        "credits": [
            ("Iosif Kheifits", "director", "", None),
            ("Iosif Kheifits", "writer", "", None),
            ("Andrei Moskvin", "cinematographer", "", None),
            ("Dmitri Meskhiyev", "cinematographer", "", None),
            ("Nadezhda Simonyan", "composer", "", None),
            ("Aleksey Batalov", "actor", "Dmitri Gurov", 1),
            ("Iya Savvina", "actor", "Anna Sergeyevna", 2),
            ("Nina Alisova", "actor", "Gurov's wife", 3),
        ],
        "citations": [
            {"fact": "first release", "value": "28 January 1960", "source": "wp-lady-dog"},
        ],
    },
    {
        # wp-ivan-terrible (Part I released 1944/45, Alma-Ata, camera Moskvin and Tisse, music Prokofiev);
        # tcm-ivan (cast).
        "slug": "ivan-the-terrible-part-i-1944",
        "title": "Ivan the Terrible, Part I",
        "year": 1944,
        "countries": ["SUHH"],
        "synopsis": "The young grand prince of Moscow is crowned tsar, marries Anastasia and takes Kazan, while the "
        "boyars, led by his aunt Efrosinia, plot against him. After Anastasia is poisoned he withdraws to "
        "Alexandrov to wait until the people call him back. Shot largely in Alma-Ata during the war.",
        "tags": ["stalin", "black and white", "mosfilm"],
        "titles": [
            ("Иван Грозный", "original", "ru"),
            ("Ivan Grozny", "transliterated", "ru-Latn"),
            ("Ivan the Terrible, Part I", "translated", "en"),
        ],
        "credits": [
            ("Sergei Eisenstein", "director", "", None),
            ("Sergei Eisenstein", "writer", "", None),
            ("Andrei Moskvin", "cinematographer", "", None),
            ("Eduard Tisse", "cinematographer", "", None),
            ("Sergei Prokofiev", "composer", "", None),
            ("Nikolai Cherkasov", "actor", "Tsar Ivan IV", 1),
            ("Lyudmila Tselikovskaya", "actor", "Tsarina Anastasia", 2),
            ("Serafima Birman", "actor", "Efrosinia Staritskaya", 3),
            ("Mikhail Nazvanov", "actor", "Prince Andrei Kurbsky", 4),
            ("Pavel Kadochnikov", "actor", "Vladimir Staritsky", 5),
            ("Mikhail Zharov", "actor", "Malyuta Skuratov", 6),
        ],
        "citations": [
            {
                "fact": "year",
                "value": "1944 (completed); public release January 1945",
                "source": "wp-ivan-terrible",
                "note": "Filmographies list Part I as 1944; Wikipedia dates its public release to January 1945.",
            },
        ],
    },
    {
        # wp-ivan-terrible: completed 1946, banned, released 1 September 1958; colour sequences. Cast: TMDB listing.
        "slug": "ivan-the-terrible-part-ii-1958",
        "title": "Ivan the Terrible, Part II: The Boyars' Plot",
        "year": 1958,
        "countries": ["SUHH"],
        "synopsis": "Ivan raises the oprichniki, a guard sworn to him alone, and the boyars answer with a plot "
        "against his life. Finished in 1946, with sequences in colour, the film was banned and reached "
        "audiences only in 1958, ten years after Eisenstein's death.",
        "tags": ["stalin", "soviet thaw", "mosfilm"],
        "titles": [
            ("Иван Грозный. Сказ второй: Боярский заговор", "original", "ru"),
            ("Ivan Groznyy. Skaz vtoroy: Boyarskiy zagovor", "transliterated", "ru-Latn"),
            ("Ivan the Terrible, Part II: The Boyars' Plot", "translated", "en"),
        ],
        "credits": [
            ("Sergei Eisenstein", "director", "", None),
            ("Sergei Eisenstein", "writer", "", None),
            ("Andrei Moskvin", "cinematographer", "", None),
            ("Eduard Tisse", "cinematographer", "", None),
            ("Sergei Prokofiev", "composer", "", None),
            ("Nikolai Cherkasov", "actor", "Tsar Ivan IV", 1),
            ("Serafima Birman", "actor", "Efrosinia Staritskaya", 2),
            ("Pavel Kadochnikov", "actor", "Vladimir Staritsky", 3),
            ("Mikhail Zharov", "actor", "Malyuta Skuratov", 4),
            ("Amvrosy Buchma", "actor", "Aleksei Basmanov", 5),
            ("Mikhail Kuznetsov", "actor", "Fyodor Basmanov", 6),
        ],
        "citations": [
            {"fact": "completed", "value": "1946", "source": "wp-ivan-terrible", "note": "Banned the same year."},
            {"fact": "first release", "value": "1 September 1958", "source": "wp-ivan-terrible"},
        ],
    },
    {
        # wp-marty (release 11 April 1955, crew, cast); Clara's surname: Dennis Schwartz's review.
        "slug": "marty-1955",
        "title": "Marty",
        "year": 1955,
        "countries": ["US"],
        "synopsis": "A kind, lonely butcher in the Bronx, thirty-four and unmarried, meets a shy schoolteacher at a "
        "Saturday-night dance. His mother and his friends do their best to talk him out of calling her again.",
        "tags": ["palme d'or", "black and white"],
        "titles": [("Marty", "original", "en")],
        "credits": [
            ("Delbert Mann", "director", "", None),
            ("Paddy Chayefsky", "writer", "", None),
            ("Joseph LaShelle", "cinematographer", "", None),
            ("Roy Webb", "composer", "", None),
            ("Harold Hecht", "producer", "", None),
            ("Ernest Borgnine", "actor", "Marty Piletti", 1),
            ("Betsy Blair", "actor", "Clara Snyder", 2),
            ("Esther Minciotti", "actor", "Mrs. Piletti", 3),
            ("Joe Mantell", "actor", "Angie", 4),
        ],
    },
    {
        # unifrance-silent (France/Italy, French release 26 May 1956, music, editor); directors: wp-cannes-1956.
        "slug": "the-silent-world-1956",
        "title": "The Silent World",
        "year": 1956,
        "countries": ["FR", "IT"],
        "synopsis": "Jacques-Yves Cousteau's crew on the Calypso dives in the Mediterranean, the Red Sea, the "
        "Persian Gulf and the Indian Ocean: one of the first films to show the sea's depths in colour.",
        "tags": ["colour", "palme d'or"],
        "titles": [("Le Monde du silence", "original", "fr"), ("The Silent World", "translated", "en")],
        "credits": [
            ("Jacques-Yves Cousteau", "director", "", None),
            ("Louis Malle", "director", "", None),
            ("Jacques-Yves Cousteau", "writer", "", None),
            ("Yves Baudrier", "composer", "", None),
            ("Georges Alépée", "editor", "", None),
        ],
    },
    {
        # wp-friendly (release 25 November 1956, Michael Wilson's credit restored 1996), tcm-friendly (cast).
        "slug": "friendly-persuasion-1956",
        "title": "Friendly Persuasion",
        "year": 1956,
        "countries": ["US"],
        "synopsis": "A Quaker family in southern Indiana, 1862: the Civil War reaches their county and tests the "
        "father's easy-going faith, the mother's firm one, and the elder son's conscience.",
        "tags": ["colour", "palme d'or", "war film", "literary adaptation"],
        "titles": [("Friendly Persuasion", "original", "en"), ("La Loi du Seigneur", "translated", "fr")],
        "credits": [
            ("William Wyler", "director", "", None),
            ("William Wyler", "producer", "", None),
            ("Michael Wilson", "writer", "", None),
            ("Ellsworth Fredericks", "cinematographer", "", None),
            ("Dimitri Tiomkin", "composer", "", None),
            ("Gary Cooper", "actor", "Jess Birdwell", 1),
            ("Dorothy McGuire", "actor", "Eliza Birdwell", 2),
            ("Anthony Perkins", "actor", "Josh Birdwell", 3),
            ("Marjorie Main", "actor", "Widow Hudspeth", 4),
        ],
        "citations": [
            {
                "fact": "writer credit",
                "value": "Michael Wilson",
                "source": "wp-friendly",
                "note": "Uncredited on release because of the Hollywood blacklist; the credit was restored in 1996.",
            },
        ],
    },
    {
        # wp-orpheus (co-production, crew, release 12 June 1959); characters: wn.com/Wikipedia plot.
        "slug": "black-orpheus-1959",
        "title": "Black Orpheus",
        "year": 1959,
        "countries": ["FR", "BR", "IT"],
        "synopsis": "The myth of Orpheus and Eurydice moved to a Rio de Janeiro favela at Carnival: Orfeu, a "
        "trolley driver and guitarist, falls for Eurydice, newly arrived in the city and pursued by a man "
        "dressed as Death.",
        "tags": ["colour", "palme d'or", "literary adaptation"],
        "titles": [("Orfeu Negro", "original", "pt"), ("Black Orpheus", "translated", "en")],
        "credits": [
            ("Marcel Camus", "director", "", None),
            ("Marcel Camus", "writer", "", None),
            ("Jacques Viot", "writer", "", None),
            ("Jean Bourgoin", "cinematographer", "", None),
            ("Antônio Carlos Jobim", "composer", "", None),
            ("Luiz Bonfá", "composer", "", None),
            ("Andrée Feix", "editor", "", None),
            ("Breno Mello", "actor", "Orfeu", 1),
            ("Marpessa Dawn", "actor", "Eurydice", 2),
            ("Léa Garcia", "actor", "Serafina", 3),
        ],
    },
    {
        # wp-mon-oncle (crew, cast, French release 10 May 1958, Special Prize at Cannes).
        "slug": "mon-oncle-1958",
        "title": "Mon Oncle",
        "year": 1958,
        "countries": ["FR"],
        "synopsis": "Monsieur Hulot, who lives happily in a crooked old quarter of Paris, visits his sister's "
        "family in their gadget-filled modern villa. His nephew Gérard much prefers his uncle's world.",
        "titles": [("Mon Oncle", "original", "fr"), ("My Uncle", "translated", "en")],
        "tags": ["colour"],
        "credits": [
            ("Jacques Tati", "director", "", None),
            ("Jacques Tati", "writer", "", None),
            ("Jacques Lagrange", "writer", "", None),
            ("Jean L'Hôte", "writer", "", None),
            ("Jean Bourgoin", "cinematographer", "", None),
            ("Franck Barcellini", "composer", "", None),
            ("Alain Romans", "composer", "", None),
            ("Suzanne Baron", "editor", "", None),
            ("Jacques Tati", "actor", "Monsieur Hulot", 1),
            ("Jean-Pierre Zola", "actor", "Charles Arpel", 2),
            ("Adrienne Servantie", "actor", "Madame Arpel", 3),
            ("Alain Bécourt", "actor", "Gérard Arpel", 4),
        ],
    },
    {
        # wp-long-summer (crew, cast, 20th Century Fox, Faulkner sources).
        "slug": "the-long-hot-summer-1958",
        "title": "The Long, Hot Summer",
        "year": 1958,
        "countries": ["US"],
        "synopsis": "A drifter with a reputation for burning barns arrives in a Mississippi town owned mostly by "
        "Will Varner, who decides the newcomer is the son he never had and the husband his daughter Clara needs.",
        "tags": ["colour", "literary adaptation"],
        "titles": [("The Long, Hot Summer", "original", "en"), ("Les Feux de l'été", "translated", "fr")],
        "credits": [
            ("Martin Ritt", "director", "", None),
            ("Irving Ravetch", "writer", "", None),
            ("Harriet Frank Jr.", "writer", "", None),
            ("Joseph LaShelle", "cinematographer", "", None),
            ("Alex North", "composer", "", None),
            ("Jerry Wald", "producer", "", None),
            ("Paul Newman", "actor", "Ben Quick", 1),
            ("Joanne Woodward", "actor", "Clara Varner", 2),
            ("Anthony Franciosa", "actor", "Jody Varner", 3),
            ("Orson Welles", "actor", "Will Varner", 4),
            ("Lee Remick", "actor", "Eula Varner", 5),
            ("Angela Lansbury", "actor", "Minnie", 6),
        ],
    },
    {
        # sfdb-brink (Swedish premiere 31 March 1958, cast and characters); writer Ulla Isaksson and
        # camera Max Wilén: ingmarbergman.se.
        "slug": "brink-of-life-1958",
        "title": "Brink of Life",
        "year": 1958,
        "countries": ["SE"],
        "synopsis": "Three women share a room in a maternity ward: one has just lost her child, one longs for hers "
        "to arrive, and one, young and alone, did not want to be pregnant at all.",
        "tags": ["black and white"],
        "titles": [
            ("Nära livet", "original", "sv"),
            ("Brink of Life", "translated", "en"),
            ("So Close to Life", "alternative", "en"),
            ("Au seuil de la vie", "translated", "fr"),
        ],
        "credits": [
            ("Ingmar Bergman", "director", "", None),
            ("Ulla Isaksson", "writer", "", None),
            ("Max Wilén", "cinematographer", "", None),
            ("Eva Dahlbeck", "actor", "Stina Andersson", 1),
            ("Ingrid Thulin", "actor", "Cecilia Ellius", 2),
            ("Bibi Andersson", "actor", "Hjördis Pettersson", 3),
            ("Barbro Hiort af Ornäs", "actor", "Nurse Brita", 4),
            ("Erland Josephson", "actor", "Anders Ellius", 5),
            ("Max von Sydow", "actor", "Harry Andersson", 6),
        ],
    },
    {
        # longtake-giovani (writers, camera, music, Lucca, Cannes screenplay prize, cast).
        "slug": "giovani-mariti-1958",
        "title": "Giovani mariti",
        "year": 1958,
        "countries": ["IT"],
        "synopsis": "Five inseparable friends in Lucca spend their nights drinking and roaming the streets; when "
        "one of them decides to marry, the group begins to come apart.",
        "tags": ["black and white"],
        "titles": [
            ("Giovani mariti", "original", "it"),
            ("The Young Husbands", "translated", "en"),
            ("Les Jeunes Maris", "translated", "fr"),
        ],
        "credits": [
            ("Mauro Bolognini", "director", "", None),
            ("Pier Paolo Pasolini", "writer", "", None),
            ("Massimo Franciosa", "writer", "", None),
            ("Pasquale Festa Campanile", "writer", "", None),
            ("Armando Nannuzzi", "cinematographer", "", None),
            ("Nino Rota", "composer", "", None),
            ("Franco Interlenghi", "actor", "Antonio", 1),
            ("Antonio Cifariello", "actor", "Ettore", 2),
            ("Gérard Blain", "actor", "Marcello", 3),
        ],
    },
    {
        # ritrovato-cronaca (writers, crew, cast and characters); Golden Lion: wp-venice-1962.
        "slug": "family-diary-1962",
        "title": "Family Diary",
        "year": 1962,
        "countries": ["IT"],
        "synopsis": "In 1945 a journalist in Rome learns that his younger brother has died, and remembers how the "
        "two were raised apart, one poor, one as a gentleman, and found each other again in Florence.",
        "tags": ["golden lion", "melodrama", "literary adaptation"],
        "titles": [("Cronaca familiare", "original", "it"), ("Family Diary", "translated", "en")],
        "credits": [
            ("Valerio Zurlini", "director", "", None),
            ("Valerio Zurlini", "writer", "", None),
            ("Mario Missiroli", "writer", "", None),
            ("Giuseppe Rotunno", "cinematographer", "", None),
            ("Goffredo Petrassi", "composer", "", None),
            ("Mario Serandrei", "editor", "", None),
            ("Marcello Mastroianni", "actor", "Enrico", 1),
            ("Jacques Perrin", "actor", "Lorenzo", 2),
            ("Sylvie", "actor", "Grandmother", 3),
            ("Valeria Ciangottini", "actor", "Sandra", 4),
        ],
    },
    {
        # forum-gate (Japan, 1953, cast, Kesa and Morito); Grand Prix at Cannes 1954: wp-cannes-1954.
        "slug": "gate-of-hell-1953",
        "title": "Gate of Hell",
        "year": 1953,
        "countries": ["JP"],
        "synopsis": "Twelfth-century Kyoto: a samurai who helped save the imperial household asks, as his reward, "
        "for the hand of the lady-in-waiting Kesa, who is already married. An early Japanese film in colour.",
        "tags": ["colour", "cinematography"],
        "titles": [
            ("地獄門", "original", "ja"),
            ("Jigokumon", "transliterated", "ja-Latn"),
            ("Gate of Hell", "translated", "en"),
            ("La Porte de l'enfer", "translated", "fr"),
            ("La porta dell'inferno", "translated", "it"),
        ],
        "credits": [
            ("Teinosuke Kinugasa", "director", "", None),
            ("Machiko Kyō", "actor", "Kesa", 1),
            ("Kazuo Hasegawa", "actor", "Morito", 2),
        ],
    },
]


# ---------------------------------------------------------------------------------------
# Festivals, their awards (stable identities) and editions.

FESTIVALS = [
    {
        # Founded 1946 (first edition held; the 1939 edition was cancelled): wp-cannes-1955 infobox.
        "slug": "cannes",
        "name": "Cannes Film Festival",
        "short_name": "Cannes",
        "city": "Cannes",
        "country": "FR",
        "founded_year": 1946,
        "website": "https://www.festival-cannes.com/",
        "awards": [
            {
                # Names by period: palme-history.
                "slug": "palme-dor",
                "name": "Palme d'Or",
                "position": 0,
                "description": "The festival's top prize. Awarded as the Grand Prix du Festival International du "
                "Film up to 1954, as the Palme d'Or from 1955 to 1963, as the Grand Prix du Festival from 1964 "
                "to 1974, and as the Palme d'Or again since 1975.",
            },
            {"slug": "special-jury-prize", "name": "Special Jury Prize", "position": 1},
            {"slug": "best-director", "name": "Best Director", "position": 2},
            {"slug": "best-actress", "name": "Best Actress", "position": 3},
            {"slug": "best-actor", "name": "Best Actor", "position": 4},
            {"slug": "best-screenplay", "name": "Best Screenplay", "position": 5},
            {"slug": "special-award", "name": "Special Award", "position": 6, "description": "Prix spécial."},
            {
                "slug": "best-participation",
                "name": "Best Participation",
                "position": 7,
                "description": "Prix de la meilleure participation, awarded in 1960.",
            },
            {"slug": "special-mention", "name": "Special Mention", "position": 8},
        ],
    },
    {
        # Founded 1932: wp-venice-1962 infobox.
        "slug": "venice",
        "name": "Venice International Film Festival",
        "short_name": "Venice",
        "city": "Venice",
        "country": "IT",
        "founded_year": 1932,
        "website": "https://www.labiennale.org/en/cinema",
        "awards": [{"slug": "golden-lion", "name": "Golden Lion", "position": 0, "description": "Leone d'Oro."}],
    },
]

# jury: (canonical name, role); sections: {name: [(film slug, note)]};
# outcomes: {award slug, film slug, result, recipients, name_as_awarded, note, citations}.
EDITIONS = [
    {
        # wp-cannes-1954 (dates, jury, Grand Prix).
        "festival": "cannes",
        "number": 7,
        "year": 1954,
        "start_date": date(1954, 3, 25),
        "end_date": date(1954, 4, 9),
        "jury": [
            ("Jean Cocteau", "president"),
            ("Jean Aurenche", "member"),
            ("André Bazin", "member"),
            ("Luis Buñuel", "member"),
            ("Henri Calef", "member"),
            ("Guy Desson", "member"),
            ("Philippe Erlanger", "member"),
            ("Michel Fourré-Cormeray", "member"),
            ("Jacques-Pierre Frogerais", "member"),
            ("Jacques Ibert", "member"),
            ("Georges Lamousse", "member"),
            ("André Lang", "member"),
            ("Noël-Noël", "member"),
            ("Georges Raguis", "member"),
        ],
        "sections": {"Competition": [("gate-of-hell-1953", "")]},
        "outcomes": [
            {"award": "palme-dor", "film": "gate-of-hell-1953", "name_as_awarded": "Grand Prix"},
        ],
    },
    {
        # wp-cannes-1955 (dates, jury, first Palme d'Or).
        "festival": "cannes",
        "number": 8,
        "year": 1955,
        "start_date": date(1955, 4, 26),
        "end_date": date(1955, 5, 10),
        "jury": [
            ("Marcel Pagnol", "president"),
            ("Marcel Achard", "member"),
            ("Juan Antonio Bardem", "member"),
            ("André Dignimont", "member"),
            ("Jacques-Pierre Frogerais", "member"),
            ("Leopold Lindtberg", "member"),
            ("Anatole Litvak", "member"),
            ("Isa Miranda", "member"),
            ("Leonard Mosley", "member"),
            ("Jean Néry", "member"),
            ("Sergei Yutkevich", "member"),
        ],
        "sections": {"Competition": [("marty-1955", "")]},
        "outcomes": [{"award": "palme-dor", "film": "marty-1955", "note": "The first Palme d'Or."}],
    },
    {
        # wp-cannes-1956 (dates, jury, Palme d'Or).
        "festival": "cannes",
        "number": 9,
        "year": 1956,
        "start_date": date(1956, 4, 23),
        "end_date": date(1956, 5, 10),
        "jury": [
            ("Maurice Lehmann", "president"),
            ("Arletty", "member"),
            ("Louise de Vilmorin", "member"),
            ("Jacques-Pierre Frogerais", "member"),
            ("Henri Jeanson", "member"),
            ("Domenico Meccoli", "member"),
            ("Otto Preminger", "member"),
            ("James Quinn", "member"),
            ("Roger Régent", "member"),
            ("María Romero", "member"),
            ("Sergei Vasilyev", "member"),
        ],
        "sections": {"Competition": [("the-silent-world-1956", "")]},
        "outcomes": [{"award": "palme-dor", "film": "the-silent-world-1956"}],
    },
    {
        # wp-cannes-1957 (dates, jury); cinetom-1957 (the special prize to Sorok pervyi and its wording).
        "festival": "cannes",
        "number": 10,
        "year": 1957,
        "start_date": date(1957, 5, 2),
        "end_date": date(1957, 5, 17),
        "notes": "Jean Cocteau was the jury's honorary president.",
        "jury": [
            ("André Maurois", "president"),
            ("Dolores del Río", "member"),
            ("Maurice Genevoix", "member"),
            ("Georges Huisman", "member"),
            ("Maurice Lehmann", "member"),
            ("Marcel Pagnol", "member"),
            ("Michael Powell", "member"),
            ("Jules Romains", "member"),
            ("George Stevens", "member"),
            ("Vladimír Vlček", "member"),
        ],
        "sections": {"Competition": [("friendly-persuasion-1956", ""), ("the-forty-first-1956", "")]},
        "outcomes": [
            {"award": "palme-dor", "film": "friendly-persuasion-1956"},
            {
                "award": "special-award",
                "film": "the-forty-first-1956",
                "note": "For its original screenplay, its humanity and its romantic grandeur.",
                "citations": [{"fact": "award", "value": "Prix spécial", "source": "cinetom-1957"}],
            },
        ],
    },
    {
        # ina-1958 (the awards as read by Achard), cineartistes-1958 and cinetom-1958 (dates 2–18 May, jury,
        # competition, winners).
        "festival": "cannes",
        "number": 11,
        "year": 1958,
        "start_date": date(1958, 5, 2),
        "end_date": date(1958, 5, 18),
        "notes": "The jury also gave prizes ex aequo to Goha (Tunisia) and Visages de bronze (Switzerland).",
        "jury": [
            ("Marcel Achard", "president"),
            ("Tomiko Asabuki", "member"),
            ("Bernard Buffet", "member"),
            ("Jean de Baroncelli", "member"),
            ("Helmut Käutner", "member"),
            ("Dudley Leslie", "member"),
            ("Madeleine Robinson", "member"),
            ("Ladislao Vajda", "member"),
            ("Charles Vidor", "member"),
            ("Sergei Yutkevich", "member"),
            ("Cesare Zavattini", "member"),
        ],
        "sections": {
            "Competition": [
                ("the-cranes-are-flying-1957", ""),
                ("mon-oncle-1958", ""),
                ("brink-of-life-1958", ""),
                ("the-long-hot-summer-1958", ""),
                ("giovani-mariti-1958", ""),
            ]
        },
        "outcomes": [
            {
                "award": "palme-dor",
                "film": "the-cranes-are-flying-1957",
                "note": "For the whole of its artistic and human qualities.",
                "citations": [{"fact": "award", "value": "Palme d'Or", "source": "ina-1958"}],
            },
            {
                "award": "special-mention",
                "film": "the-cranes-are-flying-1957",
                "result": "special_mention",
                "recipients": ["Tatiana Samoilova"],
                "note": "For her performance as Veronika.",
                "citations": [
                    {
                        "fact": "special mention",
                        "value": "Tatiana Samoilova",
                        "source": "ina-1958",
                        "note": "Read with the Palme d'Or: the jury wished to stress her exceptional performance.",
                    },
                    {"fact": "special mention", "value": "Tatiana Samoilova", "source": "cineartistes-1958"},
                ],
            },
            {"award": "special-jury-prize", "film": "mon-oncle-1958"},
            {"award": "best-director", "film": "brink-of-life-1958", "recipients": ["Ingmar Bergman"]},
            {
                "award": "best-actress",
                "film": "brink-of-life-1958",
                "recipients": ["Eva Dahlbeck", "Ingrid Thulin", "Bibi Andersson", "Barbro Hiort af Ornäs"],
                "note": "Awarded jointly to the four actresses.",
            },
            {"award": "best-actor", "film": "the-long-hot-summer-1958", "recipients": ["Paul Newman"]},
            {
                "award": "best-screenplay",
                "film": "giovani-mariti-1958",
                "note": "Awarded to the film's writers.",
                "citations": [
                    {
                        "fact": "recipients",
                        "value": "Pier Paolo Pasolini",
                        "source": "cineartistes-1958",
                        "note": "Other sources name Pasolini, Massimo Franciosa and Pasquale Festa Campanile; "
                        "the jury's announcement (INA) says “the authors”.",
                    },
                ],
            },
        ],
    },
    {
        # wp-cannes-1959 (dates, jury), ina-1959 (Palme d'Or, unanimous).
        "festival": "cannes",
        "number": 12,
        "year": 1959,
        "start_date": date(1959, 4, 30),
        "end_date": date(1959, 5, 15),
        "jury": [
            ("Marcel Achard", "president"),
            ("Antoni Bohdziewicz", "member"),
            ("Michael Cacoyannis", "member"),
            ("Carlos Cuenca", "member"),
            ("Pierre Daninos", "member"),
            ("Julien Duvivier", "member"),
            ("Max Favalelli", "member"),
            ("Gene Kelly", "member"),
            ("Carlo Ponti", "member"),
            ("Micheline Presle", "member"),
            ("Sergei Vasilyev", "member"),
        ],
        "sections": {"Competition": [("black-orpheus-1959", "")]},
        "outcomes": [{"award": "palme-dor", "film": "black-orpheus-1959", "note": "Unanimous."}],
    },
    {
        # frwp-cannes-1960 (dates 4–20 May, jury, Prix de la meilleure participation), ina-1960, levy-1960
        # (competition incl. Letter Never Sent); wp-letter (withdrawal before its screening).
        "festival": "cannes",
        "number": 13,
        "year": 1960,
        "start_date": date(1960, 5, 4),
        "end_date": date(1960, 5, 20),
        "notes": "The Palme d'Or went to La Dolce Vita (Federico Fellini), which the demo archive does not hold.",
        "jury": [
            ("Georges Simenon", "president"),
            ("Marc Allégret", "member"),
            ("Louis Chauvet", "member"),
            ("Diego Fabbri", "member"),
            ("Hidemi Ima", "member"),
            ("Grigori Kozintsev", "member"),
            ("Maurice Leroux", "member"),
            ("Max Lippmann", "member"),
            ("Henry Miller", "member"),
            ("Simone Renant", "member"),
            ("Ulises Petit de Murat", "member"),
        ],
        "sections": {
            "Competition": [
                ("ballad-of-a-soldier-1959", ""),
                ("the-lady-with-the-dog-1960", ""),
                ("letter-never-sent-1959", "Withdrawn by the Soviet delegation just before its screening on 17 May."),
            ]
        },
        "outcomes": [
            {
                "award": "best-participation",
                "film": "ballad-of-a-soldier-1959",
                "note": "Shared with The Lady with the Dog.",
                "citations": [
                    {"fact": "award", "value": "Prix de la meilleure participation", "source": "frwp-cannes-1960"},
                    {
                        "fact": "award",
                        "value": "Special jury prize",
                        "source": "wp-ballad",
                        "note": "An older revision of the English article; the French sources and INA say "
                        "“best participation”.",
                    },
                ],
            },
            {
                "award": "best-participation",
                "film": "the-lady-with-the-dog-1960",
                "note": "Shared with Ballad of a Soldier.",
                "citations": [
                    {"fact": "award", "value": "Prix de la meilleure participation", "source": "frwp-cannes-1960"}
                ],
            },
        ],
    },
    {
        # wp-venice-1962 and itwp-venice-1962 (dates 25 August – 8 September, jury, shared Golden Lion).
        "festival": "venice",
        "number": 23,
        "year": 1962,
        "start_date": date(1962, 8, 25),
        "end_date": date(1962, 9, 8),
        "jury": [
            ("Luigi Chiarini", "president"),
            ("Guglielmo Biraghi", "member"),
            ("G. B. Cavallaro", "member"),
            ("Georges Charensol", "member"),
            ("John Houseman", "member"),
            ("Iosif Kheifits", "member"),
            ("Arturo Lanocita", "member"),
            ("Ronald Neame", "member"),
            ("Hans Schaarwächter", "member"),
        ],
        "sections": {"Competition": [("ivans-childhood-1962", ""), ("family-diary-1962", "")]},
        "outcomes": [
            {"award": "golden-lion", "film": "ivans-childhood-1962", "note": "Ex aequo with Family Diary."},
            {"award": "golden-lion", "film": "family-diary-1962", "note": "Ex aequo with Ivan's Childhood."},
        ],
    },
]


# ---------------------------------------------------------------------------------------
# Reviews. The seed goes through `manage.py import_reviews`, as any imported review would.

SEED_REVIEW = {
    "file": "000_984c2e56fef4b264.txt",
    "imdb_id": "tt0050634",
    "tags": ["soviet thaw", "world war ii", "palme d'or", "cinematography", "stalin", "khrushchev", "melodrama"],
}

SOURCES_OF_REVIEWS = [
    {
        "slug": "imdb-user-review",
        "name": "IMDb user review",
        "url": "https://www.imdb.com/",
        "description": "Reviews written by IMDb users, here from the Large Movie Review Dataset (Maas et al., 2011).",
    },
]

# The archive's own writing, under the built-in source (migration 0008): ratings on the 0.5–5 star scale.
EDITOR_REVIEWS = [
    {
        "film": "ballad-of-a-soldier-1959",
        "slug": "the-editors",
        "headline": "Six days of leave, and a whole country at war",
        "rating": "4.5",
        "written_date": date(2025, 11, 3),
        "published_at": datetime(2025, 11, 3, 9, 0, tzinfo=UTC),
        "tags": ["war film", "soviet thaw"],
        "body": "Chukhrai tells his story as a road film that keeps getting interrupted. Alyosha sets out with "
        "six days to reach his mother, and almost every stop costs him hours: a soldier who has lost a leg and "
        "fears going home, a parcel of soap for a wife who has not waited, a girl hiding in a freight wagon."
        "<br /><br />None of it is heroic in the poster sense, which is the point. The war is everywhere and "
        "mostly off screen, in bombed trains and crowded stations. Vladimir Ivashov plays Alyosha with an "
        "open, almost awkward kindness, and the time he finally spends with his mother is cruelly short.",
    },
    {
        "film": "letter-never-sent-1959",
        "slug": "the-editors",
        "headline": "Urusevsky's camera against the taiga",
        "rating": "4",
        "written_date": date(2025, 11, 10),
        "published_at": datetime(2025, 11, 10, 9, 0, tzinfo=UTC),
        "tags": ["cinematography", "soviet thaw"],
        "body": "Kalatozov and Urusevsky follow The Cranes Are Flying with a survival story about four geologists "
        "in Siberia. The first half is a quiet love triangle around a camp fire; the second is a forest fire, "
        "filmed so close that the smoke seems to fill the theatre.<br /><br />The characters are thinner than "
        "in Cranes, and the dialogue leans on duty and sacrifice. But Samoilova is again luminous, and the "
        "restless camera makes the landscape the real antagonist.",
    },
    {
        "film": "ivans-childhood-1962",
        "slug": "the-editors",
        "headline": "A war seen through a child who no longer is one",
        "rating": "5",
        "written_date": date(2025, 11, 17),
        "published_at": datetime(2025, 11, 17, 9, 0, tzinfo=UTC),
        "tags": ["world war ii", "golden lion"],
        "body": "Tarkovsky's first feature cuts between a flooded, burnt front line and the bright dreams of a "
        "boy whose family the war has taken. Ivan is twelve and already a seasoned scout; the officers around "
        "him want to save him and cannot stop using him.<br /><br />Vadim Yusov's black-and-white images are "
        "precise and strange at once: birch woods, a swamp at night, apples spilling from a cart onto a beach. "
        "Nikolai Burlyayev's fierce performance keeps the film from ever turning sentimental.",
    },
    {
        "film": "i-am-cuba-1964",
        "slug": "the-editors",
        "headline": "Propaganda that outgrew its purpose",
        "rating": "4",
        "written_date": date(2025, 11, 24),
        "published_at": datetime(2025, 11, 24, 9, 0, tzinfo=UTC),
        "tags": ["cinematography", "black and white"],
        "body": "Made as a Soviet-Cuban tribute to the revolution, I Am Cuba tells four stories of injustice and "
        "revolt, each more schematic than the last. The message is blunt and the Americans are cartoons.<br />"
        "<br />What survives is the filming. Urusevsky's camera glides down a hotel facade into a swimming pool, "
        "and rises above a funeral procession in single unbroken takes. Shelved "
        "for decades, it now looks like one of the most daring films of its time.",
    },
]
