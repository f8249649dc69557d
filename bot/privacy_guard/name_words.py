"""Word lists for finding names: titles, common first names, and capitalised non-names."""

from __future__ import annotations

from bot.privacy_guard.text import _words

# --- personal names ---------------------------------------------------------------------------

# Titles that may be typed in any case; "Miss", "Doctor" and "Mister" only count capitalised,
# since "miss" is also a verb.
_TITLES = _words(
    "mevrouw mevr mw meneer mijnheer mnr dhr juffrouw juf dokter dr prof mr mrs ms mx madame"
    " monsieur mme mlle"
)
_CAPITAL_TITLES = frozenset(("Miss", "Doctor", "Mister", "Professor"))
_ABBREVIATED = _words("mevr mw mnr dhr dr prof mr mrs ms mx mme mlle")
# About 550 common first names of the people a Flemish or Dutch service meets: Flemish, Dutch,
# French-speaking Belgian, English and Irish, Moroccan, Turkish, Southern and Eastern European,
# Middle Eastern and African. Names that are also everyday words (Will, May, June, Hope, Can,
# Rose) are left out: without them "Will Sarah come?" is not a name.
_FIRST_NAMES = _words(
    # Flemish and Dutch
    "jan piet pieter peter paul luc marc bart tom wim koen dirk geert johan patrick kris stijn"
    " jeroen thomas lars arne wout sander jens robbe seppe lotte lies els an ann anne annelies"
    " sofie sophie sarah sara laura julie eline marie maria emma lisa nina hanne femke fien noor"
    " lien kaat katrien veerle inge griet hilde martine christine nathalie karen kim evy ilse"
    " leen sien tine jolien charlotte louise elise ellen eva marleen rita jeanne godelieve mieke"
    " ria agnes frans jozef jos roger willy eddy guido rudi daan sem bram ruben milan finn lucas"
    " noah liam mats vince wannes jasper tim kevin glenn dries joris maarten steven filip erik"
    " hans hendrik henk kees gerrit willem sjoerd fleur sanne anouk iris tess isa mila yara zoë"
    " jonas simon louis victor arthur jules warre lowie nore marthe ines elena olivia lena"
    " amber jana febe margot paulien stefanie stefaan kristof nele gert hugo bert ivo erwin"
    " dimitri yves benny danny frank rik jef staf mathias tibo senne bavo emiel lucie anna"
    " astrid kato ella hannah ilse greet annick carine chantal sabine veronique sylvie katleen"
    " wendy kelly tamara jessica melissa natasja jolanda ingrid petra anja monique",
)
_FIRST_NAMES |= _words(
    # English and Irish
    "james john robert michael william david richard joseph charles christopher daniel"
    " matthew anthony andrew joshua george jack harry oliver charlie jacob alfie oscar leo"
    " mary patricia jennifer linda elizabeth barbara susan nancy emily amelia isla ava mia"
    " chloe lucy ruby poppy megan rebecca rachel helen claire kate katie amy jade ethan mason"
    " logan ryan kyle sean connor siobhan aoife niamh ciara bridget margaret dorothy joan betty"
    " doris stan tony steve gary ian neil colin graham keith brian kevin alan martin mark"
    " stephen edward samuel benjamin henry alexander sophia isabella abigail madison grace"
    " hannah natalie jasmine aisha ayesha priya ravi arjun deepak mohammed ben",
    # Moroccan
    "mohamed muhammad ahmed ahmad youssef yousef mustafa mustapha karim khalid rachid said"
    " hassan hamza hicham driss omar ali amine anouar ayoub bilal brahim ilias ilyas imad ismail"
    " jamal mehdi nordin othman reda soufiane tarik yassine zakaria adil abdel abdelkader"
    " abdellah fatima fatiha khadija aicha aïcha amina nadia naima malika samira latifa loubna"
    " houda hafsa hanane imane ikram karima leila meryem nora rachida salma sanae siham souad"
    " yasmina yasmine zineb zohra zahra hajar nisrine dounia aya ilham fadoua noura rania",
)
_FIRST_NAMES |= _words(
    # More Flemish, and French-speaking Belgian
    "kobe lander jarne jitse nand mauro tuur mil rune lore lina elin fenna lou cas jef nele"
    " jean pierre michel philippe françois alain christophe nicolas olivier sébastien laurent"
    " vincent didier jacques isabelle céline valérie catherine caroline aurélie julien maxime"
    " camille manon léa mathilde nathan romain antoine chantal dominique pascal thierry",
    # Southern and Eastern European
    "tiago joão pedro carlos miguel josé juan luis antonio manuel francisco javier carmen lucía"
    " marco giuseppe luca giovanni francesca giulia piotr tomasz krzysztof paweł agnieszka"
    " katarzyna magdalena joanna małgorzata andrei ion mihai alexandru ioana andreea cristina"
    " gabriela ivan dimitar georgi oleksandr olena iryna natalia andriy olga svetlana yulia",
    # Syrian, Afghan, Eritrean, West and Central African
    "mahmoud khaled abdullah hussein mohammad samir rami nour rana hiba amal yonas tesfay dawit"
    " semhar habib zahir farid farida mariam maryam sami rahim hamid nasir zainab mamadou moussa"
    " ibrahima aminata fatoumata patrice kofi",
)
_FIRST_NAMES |= _words(
    # Turkish
    "mehmet ahmet hüseyin hasan ibrahim osman yusuf murat emre burak cem deniz emir enes eren"
    " furkan hakan kemal kerem mert ömer onur serkan sinan tolga volkan yasin yunus ayşe fatma"
    " emine hatice zeynep elif esra merve büşra özlem selin derya ebru gül hülya leyla melek"
    " nur sevgi songül tuba yasemin zehra dilek aylin ece irem",
)
# Capitalised words that follow a first name or title but are not surnames.
_NOT_NAMES = _words(
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag monday tuesday wednesday"
    " thursday friday saturday sunday januari februari maart april mei juni juli augustus"
    " september oktober november december january february march may june july august october"
    " ik je jij u hij zij ze we wij jullie het de een en maar of dus toen daarna vandaag"
    " gisteren morgen nu he she they you it the a an and but or so then today yesterday"
    " tomorrow now tele-onthaal awel zelfmoordlijn druglijn kindertelefoon sherpa samaritans"
    " childline ocmw caw clb cgg team street st road rd avenue lane drive close court way"
    " place square crescent terrace gardens grove row walk mews boulevard hill park kerstmis"
    " pasen ramadan christmas easter",
    # Function words, capitalised only in Title Case text ("Vandaag Sprak Sarah Met Jan").
    "met voor naar bij op aan om over uit door na tot zonder is was heeft had zegt zei kwam"
    " with for to at on in from by about of has said says came",
)
# A person's name used for a place or an organisation: "AZ Jan Palfijn", "Anne Frank House".
_INSTITUTION_BEFORE = _words("az uz zna gza sint st saint campus stichting")
_INSTITUTION_AFTER = _words(
    "house huis hospital ziekenhuis school instituut institute centre center centrum"
    " foundation stichting fonds fund prijs prize college museum zaal hall"
)
