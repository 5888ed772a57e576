"""Compact word lists for glue repair and language detection (generated once, then kept as data)."""

from __future__ import annotations

# Frequent English words plus news, military and peacekeeping vocabulary: a token made of two of these is
# a candidate glued pair; a token that is itself one (after inflection stripping) is never split.
COMMON_WORDS = frozenset(
    """
a ability able about above abroad abuse abyei academy accept according account accra achievement achievements
across act action actively activities activity actually add address administration admiral admit adult adviser
advisers advisor advisors affect african after again against age agencies agency agent ago agree agreement
ahead air aircraft airport album all allow almost alone along already also although always ambassador
ambassadors american ammunition among amongst amount an analysis and animal announced another answer any
anyone anything appear appeared apply appointed appreciate appreciated approach approximately april arab are
area areas argentina argue arm armies army around arrival arrive arrived art article articles artist as asean
asian ask assembly assist assistance assisted assume at attache attack attention attorney audience august
australia australian author authority available average avoid award awards away baby back bad bag ball bamako
band bangladesh bangladeshi bangui bank bar base based bases batch batches battalion battalions be beat
beautiful became because become bed been before began begin behavior behind being beirut belief believe below
benefit best better between beyond big bilateral bill billion bit black blood blue board body book border
borders born both box boy brazil brazilian break bridge bridges brigade brigades bring britain british brother
budget build building built business but buy by call called cambodia cambodian came camera camp campaign camps
can canada canadian candidate capacity capital captain caption car card care career carry case catch cause
ceasefire cell center central century ceremonies ceremony certain certainly chair challenge chance change
character charge check chief child children chile china chinese choice choose church cities citizen city civil
civilian civilians claim class clear clearly clinic close closely club coach cold collection college colonel
color commander commanding commercial commitment commitments committee committees common community company
compare computer concern condition conference conferences conflict congo congolese congratulate congratulated
congress consider considered construction consulate consumer contain contingent contingents continue continued
continuously contribute contributed contributing contribution contributions contributor contributors control
cooperation coordination corporal corps cost could council countries country county couple course courses
court cover create created crime cultural culture cup current currently customer cut cycle cycles cyprus dark
data daughter david day days de deal death debate decade decades december decide decision decisions deep
defence defense degree delegate delegates delegation delegations delhi democrat democratic depart departed
departs departure deploy deployed deploying deployment deployments deputy describe described design designed
despite detail determine develop developed developing development dhaka dialogue did died difference different
difficult dinner direction director discover discuss discussion disposal district division do doctor doctors
does dog domestic door down dozen dozens draw dream drill drills drive drop drug due during duties duty each
earlier early east easy eat economic economy edge education effect effort efforts egypt egyptian eight
eighteen eighth eighty either elected election eleven eleventh else embassies embassy employee end energy
engage engaged engagement engineer engineering engineers english enjoy enough enter entire environment
environmental equality equipment especially establish established ethiopia ethiopian european even evening
event events eventually ever every everybody everyone everything evidence exactly example exchange exchanges
executive exercise exercises exist expect experience experiences expert expertise experts explain exploitation
explosive eye face fact factor fall family famous far farewell fast father fear featured features february
federal feel feeling female females few fewer field fields fifteen fifth fifty fight figure filipino fill film
final finally financial find fine finish fire firm first first-ever fish five flight flights floor fly focus
follow followed following food foot football for force forces foreign forget form formed former forty forum
forums forward found founded four fourteen fourth framework france free french friday friend friendly
friendship from front full fund further future game games garden gas gave gender general generation george
german germany get ghana ghanaian girl give given glass global go goal good government governments gratitude
great green ground group groups grow growth guess gun guy had hail hailed hair haiti half hand handed hanoi
happen happy hard has have having he head health healthcare hear heart heavy held help helped helping her here
herself high him himself his history hit hold home homecoming honor honored honour honoured hope hopes
hospital hospital's hospitals hot hotel hour house how however huge human humanitarian hundred husband i idea
identify if image images imagine immediately impact important improve in include included includes including
income increase indeed india indian indicate individual indonesia indonesian industry information
infrastructure inside instead institution interest interesting international interview into investment involve
involved is islamabad israel israeli issue it italian italy item its itself jakarta james january japan
japanese job john join joined jordan jordanian juba july june junior just kathmandu keep kenya kenyan key kid
kind king kinshasa kitchen know knowledge known korea korean kosovo land language large largest last late
later latter laugh law laws lawyer lay lead leader leading league learn least leave lebanese lebanon lecturer
lecturers led left leg legislation less lesson lessons let letter level levels lieutenant life light like
likely line list listen little live living local located logistic logistics london long look lose loss lost
lot low machine made magazine main maintain major majority make making malaysia malaysian male males mali
malian man manage management manager mandate mandates many march market marriage married marshal material
matter may maybe me mean measure mechanism mechanisms medal medals media medical medicine meet meeting
meetings member members memory men mention message method middle might miles militaries military million mind
mine mines minister ministerial ministers ministry minurso minusca minusma minute miss mission missions model
modern moment monday money mongolia mongolian month months monusco more morning morocco most mother mouth move
moved movement movie mr mrs much multilateral music must my myself name named nation national nations natural
nature naval navy near nearly necessary need negative nepal nepalese nepali network never new news newspaper
next nice nigeria nigerian night nine nineteen ninety ninth no none nor north not note nothing notice november
now number numbers nurse nurses nursing observer observers occur october of off offer office officer officers
official officials often oil ok old on once one only onto open opened operation operations opportunity option
or order ordnance organization original originally other others our out outside outstanding over overseas own
owner page painting pakistan pakistani paper parent parity parliament part participant participate
participated participating participation particular particularly parties partner partners partnership parts
party pass past patient patients pattern pay peace peacebuilding peacekeeper peacekeepers peacekeeping
peacemaking people per percent percentage perform performance performed performing perhaps period periods
person personal personnel phase phases philippines phone photo photos physical pick picture pictures piece
place plan plane plant platform platforms platoon platoons play played player playing pm point police
policeman policemen policewoman policewomen policies policy political politics poor popular population
position positive possible power practice praise praised prepare present president press pressure pretty
prevent previous price prime private probably process produce produced product production professional
professor program project properly property protect protected protecting protection prove provide province
public published pull purpose push put quality question quickly quite race radio raise range rank ranks rate
rather ratio reach read ready real reality realize really reason receive received recent recently recognize
record recorded red reduce reflect refugee refugees regiment region regional regions regularly regulation
regulations relate relation relations relationship released religious remain remained remember report reported
reporter reporters reports represent republican require research resolution resolutions resource respond
response responsibilities responsibility rest result return returned returning reveal rich right rise risk
river road roads robert rock role roles room rotation rotations royal rule rules run russia russian rwanda
rwandan safe safety sahara said same san saturday save say scene school schools science scientist score sea
season seat second secretary section secure security see seek seem seen sell seminar seminars send sending
sends senegal senior sense sent september sergeant series serious serve served service set seven seventeen
seventh seventy several sexual shake share she ship short should shoulder show side sign signed significant
similar simple simply since sing singapore single sister sit site situation six sixteen sixth sixty size skill
skills skin small smile so social society sold soldier soldiers somalia some somebody someone something
sometimes son song soon sort sound source sources south southern space spain spanish speak special species
specific speech spend spokesman spokesperson spokeswoman sport sports spring squad stability stable staff
stage stages stand standard star start started state statement statements states station stay step still stock
stop store story strategy street strictly strong structure student students study stuff style subject success
successful successfully such sudan sudanese suddenly suffer suggest summer sunday supplies supply support
supported supporting supports sure surface surgeries surgery sustainable syria system table take taken talk
task tasks tax teach teacher teachers team teams technology television tell ten tend tenth term terms test
thai thailand than thank thanked thanks that the their them themselves then theory there these they thing
think third thirteen thirty this those though thought thousand threat three through throughout throw thursday
thus ties time times title to today together tokyo tomorrow tonight too took top total tough toward towards
town towns trade traditional trained trainee trainees training transport travel treat treatment tree trial
trip troop troops trouble truck trucks true truth try tuesday tunisia turn tv twelfth twelve twenty two type
uganda ukraine ulaanbaatar un unama unamid under understand undof unficyp unifil unisfa unit united units
universities university unmik unmiss unmogip unsmil until untso up upon uruguay us use used using usually
value various vehicle vehicles version very vessel vice video vietnam vietnamese view village villages
violence visit voice vote wait walk wall want war warship was watch water way we weapon weapons wear wednesday
week weeks weight welcome well went were west western what whatever when where whereas whether which while
white who whole whom whose why wide wife will william win wind window wish with within without woman women
women's won wonder word work worked worker working works workshop workshops world worry would write writer
written wrong wrote yard yeah year years yes yesterday yet york you young your yourself zealand
""".split()
)

# capitalised country, region and language name parts (for 'SouthSudan'-style joins)
PLACE_WORDS = frozenset(
    """
Abkhazian Accents Acehnese Acoli Adangme Adyghe Afar Afghanistan Africa Afrihili Afrikaans Aghem Ainu Akan
Akkadian Akoose Alabama Albania Albanian Aleut Algeria Algerian Algonquian Altai America Americas Amharic
Ancient Andorra Angika Angola Anguilla Anii Antarctica Antigua Arabia Arabic Aragonese Aramaic Araona Arapaho
Arawak Armenia Armenian Aromanian Arpitan Aruba Ascension Asia Assamese Asturian Atikamekw Atlas Atsam
Australasia Austria Austrian Avaric Avestan Awadhi Aymara Azerbaijan Azerbaijani Badaga Bafia Bafut Bahamas
Bahrain Bakhtiari Balinese Balkar Balochi Baluchi Bambara Bamun Bangla Banjar Barbados Barbuda Barth Basaa
Bashkir Basque Batak Bavarian Beja Belarus Belarusian Belgium Belize Bemba Bena Benin Bermuda Betawi Bhojpuri
Bhutan Bidi Bikol Bini Bishnupriya Bislama Bissau Blin Blissymbols Bodo Bokm Bolivia Bosnia Bosnian Botswana
Bouvet Brahui Braj Brazzaville Breton Brunei Buginese Bulgaria Bulgarian Bulu Buriat Burkina Burma Burmese
Burundi Caddo Caicos Cajun Caledonia Cameroon Canary Cantonese Cape Capiznon Carib Caribbean Carolina Catalan
Cayman Cayuga Cebuano Ceuta Chad Chadian Chagatai Chakma Chamorro Chechen Cherokee Cheyenne Chibcha Chickasaw
Chiga Chiini Chilcotin Chimborazo Chinook Chipewyan Choctaw Christmas Chuukese Chuvash Classical Clipperton
Cocos Colognian Colombia Comorian Comoros Cook Coptic Cornish Corsican Costa Cree Creole Crimean Croatia
Croatian Cuba Cunha Cura Czech Czechia Dakota Danish Dargwa Dari Dazaga Delaware Denmark Diego Dinka Divehi
Djibouti Dogri Dogrib Dominica Dominican Duala Dusun Dutch Dyula Dzongkha Eastern Ecuador Efik Ekajuk Elamite
Embu Emilian Emirates Equatorial Eritrea Erzya Esperanto Estonia Estonian Eswatini Europe Eurozone Ewondo
Extremaduran Falkland Fang Fanti Faroe Faroese Faso Fiji Fijian Finland Finnish Flemish Fonyi Frafra Franca
Franconian Frisian Friulian Fula Futuna Gabon Gaelic Gagauz Galician Gambia Ganda Garcia Gayo Gbaya Geez
Georgia Georgian Gheg Ghomala Gibraltar Gilaki Gilbertese Gondi Gorontalo Gothic Grebo Greece Greek Greenland
Grenada Grenadines Guadeloupe Guam Guarani Guatemala Guernsey Guiana Guinea Gujarati Gusii Guyana Gwich Haida
Haitian Hakka Halkomelem Haryanvi Hausa Hawaiian Heard Hebrew Helena Herero Herzegovina Highland Hiligaynon
Hindi Hiri Hittite Hmong Honduras Hong Hungarian Hungary Hupa Iban Ibibio Iceland Icelandic Igbo Iloko Inari
Ingrian Ingush Innu Interlingua Interlingue Inuktitut Inupiaq Iran Iraq Ireland Irish Island Islands Isle
Ivoire Jamaica Jamaican Jan Jargon Javanese Jersey Jola Judeo Jutish Kabardian Kabuverdianu Kabyle Kachin
Kaingang Kako Kalaallisut Kalenjin Kalmyk Kalpak Kamba Kanembu Kangri Kannada Kanuri Kara Karachay Karelian
Kashmiri Kashubian Katanga Kawi Kazakh Kazakhstan Keeling Kenyang Khasi Khmer Khotanese Khowar Kikuyu Kimbundu
Kinaray Kingdom Kinyarwanda Kiribati Kirmanjki Kitts Klingon Komi Kong Kongo Konkani Koro Kosraean Kotava
Koyra Koyraboro Kpelle Krio Kuanyama Kumyk Kurdish Kurukh Kutenai Kuvi Kuwait Kwak Kwasio Kyrgyz Kyrgyzstan
Ladino Lakota Lamba Langi Lanka Laos Latgalian Latin Latvia Latvian Leone Lesotho Leste Lezghian Liberia Libya
Liechtenstein Ligurian Lillooet Limburgish Lingala Lingua Literary Lithuania Lithuanian Livonian Lojban
Lombard Louisiana Lower Lozi Luba Lucia Luiseno Lule Lulua Lunda Luri Lushootseed Luxembourg Luxembourgish
Luyia Maarten Maba Macao Macedonia Macedonian Machame Madagascar Madurese Mafa Magahi Maithili Makasar Makhuwa
Makonde Malagasy Malawi Malay Malayalam Maldives Maliseet Malta Maltese Manchu Mandar Mandingo Manipuri Manx
Mapuche Marathi Mari Mariana Marino Marshall Marshallese Martin Martinique Marwari Masai Mauritania Mauritius
Mayen Mayotte Mazanderani McDonald Medumba Meetto Melanesia Melilla Mende Mentawai Meru Meta Mexican Mexico
Michif Micronesia Micronesian Minangkabau Mingrelian Miquelon Mirandese Mizo Mohawk Moksha Moldavian Moldova
Monaco Mongo Montenegrin Montenegro Montserrat Moose Morisyen Moroccan Mossi Motu Mozambique Multiple Mundang
Muscogee Muslim Myanmar Myene Naga Najdi Nama Namibia Nauru Navajo Ndebele Ndonga Neapolitan Netherlands Nevis
Newari Ngambay Ngiemboon Ngomba Nheengatu Nias Nicaragua Niger Niue Niuean Njua Nogai Norfolk Norse Northern
Northwestern Norway Norwegian Nova Novial Nuer Nyamwezi Nyanja Nyankole Nyasa Nynorsk Nyoro Nzima Obolo
Occitan Ocean Oceania Odia Ojibwa Okanagan Oman Oromo Osage Ossetic Ottoman Outlying Pahlavi Palatine Palau
Palauan Palestinian Pali Pampanga Panama Pangasinan Panjabi Papiamento Papua Paraguay Pashto Passamaquoddy
Pennsylvania Permyak Persian Peru Phoenician Picard Pidgin Piedmontese Pierre Pijin Pisin Pitcairn Plains
Plautdietsch Pohnpeian Poland Polish Polynesia Pona Pontic Portugal Portuguese Proven Prussian Pseudo Puerto
Punjabi Qatar Quechua Quichua Rajasthani Rapanui Rarotongan Republic Rica Rico Riffian Rohingya Romagnol
Romania Romanian Romansh Romany Rombo Rotuman Roviana Rundi Rusyn SAR Saamia Saharan Saho Salish Salvador
Samaritan Samburu Sami Samoa Samoan Samogitian Sandawe Sandwich Sango Sangu Sanskrit Santali Sardinian Sark
Sasak Sassarese Saterland Saudi Saurashtra Saxon Scots Scottish Selayar Selkup Sena Seneca Senni Serbia
Serbian Serbo Serer Seri Seselwa Seychelles Shambala Shan Shona Sichuan Sicilian Sidamo Sierra Siksik Silesian
Simplified Sindhi Sinhala Sint Skolt Slave Slavic Slovak Slovakia Slovenia Slovenian Soga Sogdien Solomon
Somali Soninke Sorbian Sotho Southeast Sranan Sri Straits Sub Sukuma Sumerian Sundanese Suriname Susu Svalbard
Swahili Swampy Swati Sweden Swedish Swiss Switzerland Syriac Tachelhit Tagalog Tagish Tahitian Tahltan Taita
Taiwan Tajik Tajikistan Talysh Tamashek Tamazight Tamil Tanzania Taroko Tasawaq Tatar Telugu Tereno
Territories Territory Teso Tetum Tibetan Tigre Tigrinya Timne Timor Tlingit Toba Tobago Togo Tokelau Toki Tom
Tonga Tongan Tongo Tornedalen Torwali Trinidad Tristan Tsakhur Tsakonian Tsimshian Tsonga Tswana Tulu Tumbuka
Tunisian Turkish Turkmen Turkmenistan Turks Turoyo Tutchone Tuvalu Tuvinian Tyap Udmurt Ugaritic Ukrainian
Umbundu Union Unknown Upper Urdu Uyghur Uzbek Uzbekistan Vanuatu Vatican Venda Venetian Venezuela Veps Verde
Vincent Virgin Volap Votic Vunjo Wallis Walloon Walser Waray Warlpiri Washo Wayuu Welsh Wolaytta Wolof Xhosa
Xiang Yakut Yangben Yapese Yemba Yemen Yiddish Yoruba Yupik Zambia Zapotec Zarma Zaza Zeelandic Zenaga Zhuang
Zimbabwe Zoroastrian Zulu Zuni
""".split()
)

# The most frequent function words per language, most frequent first (for detect_language).
STOPWORDS: dict[str, tuple[str, ...]] = {
    "en": tuple(
        """
        the of and in to a was is for as on with by that from at his an he are were which be has it
        or also had first their not but have who its one this been her two they other into after all
        when more only would she new most can over during where used such up between many made some
        than out united known about time then became under being part there him years three through
        including later will american both until before well no against while called second several
        university number name these played early may world located national same them released de
        area use work any school since team age so john won people began each year population now
        family film found city british four album could very south named around took former because
        series states did within state end based i local held september
        """.split()
    ),
    "fr": tuple(
        """
        de la et le à en des les du est un dans une par au pour qui il que a sur son avec se plus
        sont ou sa aux ce été comme ses pas ne deux fut mais d'un cette fait d'une entre ont était
        elle leur aussi dont lui même où sous alors ainsi également être y nom qu'il premier très
        après peut partie ville ces première on années puis depuis tout lors contre plusieurs
        commune groupe sans trois avait vers avant fin bien c'est région fois né france leurs tous
        faire encore avoir située peu donc autres notamment ans famille mort ils soit grande pendant
        partir cours quelques place moins monde grand temps devient lieu n'est nombre si
        """.split()
    ),
    "es": tuple(
        """
        de la en el y que a del los se un por con una las su es como al para fue más no o sus lo
        entre también son pero hasta le dos este ha sobre ser donde parte desde esta era años año
        durante está ciudad ya muy cuando san gran fueron tiene sin uno primer primera nombre había
        e cual puede forma mismo siglo otros después sido población así tres vez todo han encuentra
        mayor contra aunque lugar junto cada grupo familia hacia bajo siendo todos ese quien sólo
        otras si pueden estados nuevo tiempo algunos tras región equipo juan mientras universidad
        varios serie antes estaba tanto río tuvo vida estado número debido unos josé sistema
        gobierno estos
        """.split()
    ),
    "pt": tuple(
        """
        de e a o do da em que uma um é com no para na por os foi como dos se as ao sua mais das seu
        à não ou pela pelo ser também são entre era tem mas seus nos cidade até onde área ele foram
        anos sobre nas quando população parte região sendo suas primeiro aos grande estado mesmo
        nome muito segundo família dois ainda já está durante primeira maior pode rio ano outros
        apenas km² ter forma após pelos qual depois dia século três município duas banda num todos
        sem densidade contra às ela álbum desde sido então vez tendo acordo comuna grupo localizada
        partir quais tinha cerca este alguns espécie teve cobertos outras habitantes cada estados
        """.split()
    ),
    "id": tuple(
        """
        yang dan di dengan dari adalah pada ini untuk dalam tahun oleh sebagai menjadi juga tidak ke
        atau sebuah merupakan ia memiliki satu itu dapat indonesia karena lebih telah akan mereka
        bahwa seorang seperti orang kota desa tersebut kecamatan secara salah saat jawa beberapa
        banyak antara nama kemudian ada pertama bagian bahasa wilayah terletak para kabupaten
        setelah kepada hingga besar hanya atas digunakan dua amerika sangat lain yaitu menggunakan
        disebut serta tanggal dikenal bisa daerah negara suatu masih masa sampai namun film sehingga
        kembali mulai tempat sudah terhadap sekitar bagi provinsi penduduk terdapat pernah ketika
        berada sejak of membuat dia dunia berbagai baru selama kali termasuk terjadi tentang bernama
        sistem bersama paling anggota tetapi waktu kedua hari melalui anak sama
        """.split()
    ),
    "de": tuple(
        """
        der und die in von den des im mit dem das ist er zu als wurde eine sich für ein auf an war
        auch nach bis aus bei einer am zum sie durch einem nicht oder es sind zur wird einen über um
        dass unter wie werden wurden nur jahr noch seiner vom aber seine vor jahre sowie eines
        zwischen dieser zwei hat jedoch so jahren gegen zeit stadt seit man ersten waren wieder etwa
        diese sein hatte seinen seinem mehr drei ihre später heute liegt erste beim de kann dann
        ende of wo anderen ihm bereits ab teil da ihrer während sehr diesem gibt dort kam ihn beiden
        mai allem gemeinde konnte august alle januar oktober dessen ihr märz
        """.split()
    ),
    "it": tuple(
        """
        di e il la in del a che è un della per una con nel da si i al le dei alla non come più delle
        nella anche dal sono ed ad ha fu gli sua suo era ma cui o dalla due lo tra parte degli stato
        prima anni essere su ai dopo loro questo viene uno venne sul alle dove nei primo solo città
        nelle sulla nome poi mentre molto quale comune fino suoi sia se dai stata dello altri quando
        hanno questa erano durante san stesso può tre secondo aveva contro quella de serie quello
        furono fine alcuni quali seguito grande film tutti ancora così volta gruppo sempre sue dalle
        negli quindi ogni circa abitanti sotto verso
        """.split()
    ),
    "nl": tuple(
        """
        de van in en het een is op met zijn te werd voor die hij door was dat aan als uit tot ook
        bij naar wordt om of niet er maar ze deze plaats heeft zich worden onder inwoners gemeente
        eerste over dan nog haar deel meer andere werden dit jaar twee kan had aantal hun na tussen
        waar telt al waren veel zou geen echter maakt staat hem naam oppervlakte jaren wel grote
        hebben tegen kunnen zoals stad per nieuwe kwam later ligt men nederlandse franse één wat
        tijdens zij weer demografie tijd bekend amerikaanse geografie toen ongeveer ten komt drie
        alle omdat verschillende tweede toont figuur laatste samen rond gebruikt kreeg zo duitse km²
        enkele ging eeuw vaak
        """.split()
    ),
    "ms": tuple(
        """
        yang dan di pada dengan dalam untuk ini dari oleh merupakan adalah telah sebagai sebuah
        tahun tidak terletak kepada juga ke atau daripada ialah the lapangan terbang satu itu
        menjadi bagi mereka lebih mempunyai orang akan of seperti boleh seorang beliau bandar
        malaysia kerana luar pautan ia bahawa and secara iaitu bahasa tetapi digunakan antara
        sekolah negara kawasan dua serta nama pertama menggunakan beberapa banyak kedudukan memiliki
        tersebut lain amerika dikenali selepas meter in dia hari masa to atas terdapat salah dapat
        indonesia ketinggian hanya aras sebelum ketika negeri sehingga mana apabila melayu kerajaan
        a melalui sistem lagi islam bawah
        """.split()
    ),
    "tl": tuple(
        """
        ng sa na ay ang mga isang at o si noong bansang ni ito may bilang lalawigan siya artista
        mula kanyang hindi para pilipinas hapon italya kung comune rin niya din bayan timog taon
        lungsod of upang naging kanilang nito hanggang dahil isa unang korea the nang pa pang lamang
        palabas saan taong san nasa ibang telebisyon bahagi pamamagitan itong uri kay estados
        dalawang mas siyang naman ayon tao iba de and sila kasama ilang populasyon loob panahon
        lahat karakter
        """.split()
    ),
    "sw": tuple(
        """
        ya na wa katika kwa ni la za mwaka kama cha mji kuwa kutoka au yake wakazi kwenye hii vya
        pia jina nchini nchi kata wake kati alikuwa mkoa lakini pamoja zaidi hadi wakati juu watu
        kwanza sensa miaka ina mujibu wapatao iliyofanyika wilaya mara moja ambayo mnamo sehemu mkuu
        kwamba baada tanzania ilikuwa hasa eneo nyingi sana kubwa kazi sababu inahusu huko makala
        humo waishio chini marekani afrika lake ambao kila jimbo hiyo lugha ndani ili vile huu
        upande
        """.split()
    ),
    "vi": tuple(
        """
        là và của một có được các trong năm ở đã với cho người này số thành không những vào từ dân
        thị về khi nước tháng trên tại đến quân đầu ra công bị để như sự thể ông chính ngày thuộc
        cũng nhà tỉnh thời làm nhiều lại đó học vùng phía độ gia sau nhất hiện theo thế chỉ động
        quốc chiến trung trấn còn cao việc đô hai bộ phát hành nam quan sử vị cách
        """.split()
    ),
}
# Real words (from a 100k-word English dictionary, checked once) that look like two glued lexicon words:
# the glue repair must never split them ("income", "attend", "island").
REAL_COMPOUNDS = frozenset(
    """
aboveboard acceptability acceptable accountability accountable accredit accredits actionable addressable
adrenalin aftercare aftereffect aftereffects afterlife afterlives aftershave aftershaves afterthought
afterthoughts afterward afterword afterwords agreeable airstrip airstrips albumin allegation allegations
allegedly alleghenies allegiance allegorical allegorically allegories allergies alleviated alleviating
alleviation alliteration alliterations alliterative allocated allocating allocation allocations allotment
allotments allotting allover allowable allowance allstate allusively alongside ambassadorship ambassadorships
anaesthetised anaesthetising anaesthetized anaesthetizing analogies analogous analogously analysed analysing
analytical analyticalally analytically analyzed analyzing anarchically anatomical anatomically anatomies
ancestral ancestries anchored anchoring anchovies ancillaries anderson androgynous anecdotal anesthetized
anesthetizing angelically angering angioplasties anguished anguishing angularities angularity animated
animatedly animating animation animations animosities animosity ankara annealed annealing annexation
annexations annexing annihilated annihilating annihilation anniversaries annotated annotating annotation
annotations announcement announcements announcing annoyance annoying annoyingly annually annuities annulled
annulling annulment annulments anointed anointing anointment anomalies anomalous anonymity anonymous
anonymously anshan answerable antagonised antagonising antagonistically antagonized antagonizing antedated
antedating anthem anthems anthers anthologies anthologised anthologising anthologized anthologizing
anthropological antiabortion antibodies anticipated anticipating anticipation anticipations anticked anticking
antipathies antiphonal antiquaries antiquated antiquating antiqued antiquing antiquities antiquity
antiseptically antithetical antithetically antiviral antlered anuses anxieties anxiously anybodies
approachable arawakan ascended ascending ascertain ascertained ascertaining ascertains ascribed ascribing
ascription asexually ashamedly ashurbanipal asininities asininity asperities asperity aspersion asphalted
asphalting asphyxiated asphyxiating asphyxiation asphyxiations aspirated aspirating aspiration aspirations
aspiring assailed assailing assassinated assassinating assassination assassinations assaulted assaulting
assayed assaying assays assembled assembling assemblywoman assemblywomen assent assented assenting assents
asserted asserting assertion assertions assertive assertively assertiveness assessed assessing assessment
assessments assets asseverated asseverating assiduous assiduously assiduousness assign assignation
assignations assigned assigning assignment assignments assigns assimilated assimilating assimilation assize
assizes associated associating association associations associative assonance assort assorted assorting
assortment assortments assorts assuaged assuaging assumption assumptions assurance assure assured assuredly
assures assuring assyria asterisked asterisking astonished astonishing astonishingly astonishment astounded
astounding astoundingly astrological astronomical astronomically astutely astuteness asunder asymmetrical
asymmetrically asymptotically asynchronous asynchronously athletically atmospherically atonality atoned
atonement atones atrocious atrociously atrociousness atrocities atrocity atrophied atrophies atrophying
attained attaining attainment attainments attempted attempting attend attendance attended attender attending
attends attentive attentively attentiveness attenuated attenuating attenuation attest attestation attestations
attested attesting attests attiring attitudinised attitudinising attitudinized attitudinizing attracted
attracting attraction attractions attractive attractively attractiveness attributed attributing attribution
attributions attributive attributively attributives attrition attuning atypical atypically augustan authorship
avoidable babysat babysit babysits babysitter babysitting backbiter backbiters backbites backbiting backboard
backboards backbreaking backdrop backdrops backfield backfields backfire backfired backfires backfiring
background backgrounds backhand backhanded backhanding backhands backless backrest backrests backside
backsides backspace backspaced backspaces backspacing backstage backstop backstopped backstopping backstops
backstories backstory backward backwater backwaters backyard backyards ballplayer ballplayers ballpoint
ballpoints ballroom ballrooms bandaged bandages bandit bandits bandstand bandstands bankbook bankbooks
banknote banknotes bantamweight baseball baseballs baseboard baseboards baseless baseline baselines beaching
bearding beastliness beatification beatifications beatified beatifies beatifying beauteous beauteously
beauties beautification beautified beautifies beautifying beavered beavering becalmed becalming beckoned
beckoning becomingly bedazzled bedazzling bedecked bedecking bedeviled bedeviling bedevilled bedevilling
bedevilment bedraggled bedraggling beehives beekeeping beetling befall befalling befalls befitted befitting
befogged befogging beforehand befouled befouling befriend befriended befriending befriends befuddled
befuddling begets begetting beggared beggaring beggarly begrudged begrudging begrudgingly beguiled beguiling
beguilingly behalf behaved behaves behaving behavioural behead beheaded beheading beheads beheld behold
beholder beholders beholding beholds behooved behooving behoving belabored belaboring belaboured belabouring
belated belatedly belayed belaying belays belching beleaguer beleaguered beleaguering beleaguers belfries
belittle belittled belittles belittling bellicosity belligerence belligerently bellowed bellowing bellyached
bellyaching bellying belong belonged belonging belongs bemoaned bemoaning bemusing benching benediction
benedictions benefaction benefactions beneficence beneficently beneficial beneficially beneficiaries
benevolence benevolently benighted benignly benumbed benumbing bequeathed bequeathing berate berated berates
berating bereaved bereavement bereavements bereaving berenice berrying berthing beseeched beseeching besets
besetting beside besides besieged besieging besmirched besmirching besoms besotted besotting bespeak
bespeaking bespeaks bestiality bestiaries bestirred bestirring bestowal bestowed bestowing bestriding
bestseller bestsellers betake betaken betakes betaking bethink bethinking bethinks bethought betiding
betokened betokening betook betrayal betrayed betraying betrothal betrothed betrothing beveling bevelled
bevelling bewailed bewailing bewared bewares bewaring bewildered bewildering bewilderment bewitched bewitching
billboard billboards billionaires blackball blackballed blackballing blackballs blackboard blackboards
blackfoot blackhead blackheads blacklist blacklisted blacklisting blacklists blackouts blacktopped
blacktopping blacktops blackwell blindside blindsided blindsides blindsiding blinking bloodless bloodlessly
bloodshed bluefish bluefishes bluestocking blusher blushers boardinghouse boardinghouses boardroom boardrooms
boardwalk boardwalks bodybuilding bodywork bookcase bookcases bookends bookkeeper bookkeepers bookkeeping
booklets bookmaker bookmakers bookmaking bookseller booksellers bookshops bookstore bookstores borderland
borderlands borderline borderlines bothersome boustrophedon breakable breakables breakages breakdown
breakdowns breakfast breakfasted breakfasting breakfasts breakpoints breakthrough breakthroughs breakwater
breakwaters bridgehead bridgeheads bridgetown bridgework builtin businesslike businesswoman businesswomen
butchered butcheries butchering buttercups butterflied butterflies butterfly butterflying butteries buttering
buttonholed buttonholing buttoning buttressed buttressing bylaws byline bylines bypass bypassed bypasses
bypassing bypast byplay byproduct byproducts bystander bystanders byways byword bywords callable callas
callused calluses callusing camelopardalis camerawoman camerawomen cameron campfire campfires campground
campgrounds campsite campsites campuses candor candour capetown cardboard cardin carefree carefuller
carefullest caregiver caregivers careless carelessly carelessness caressing caretaker caretakers carryall
carryalls carson casein casework caseworker caseworkers catchall catchalls catchword catchwords causeless
causeways centerpiece centerpieces certainties chairperson chairpersons chairwoman chairwomen changeable
changeover changeovers chargeable checkbook checkbooks checkerboard checkerboards checklist checklists
checkouts checkpoint checkpoints checkroom checkrooms childcare childless childlessness childlike chilean
chinatown chrysalis churchyard churchyards citizenship classless classroom classrooms clearinghouse
clearinghouses closemouthed closeouts clubfoot clubhouse clubhouses colorblind colorfast colorless colossuses
commonplace commonplaces congresswoman congresswomen considerable contralto cookbook cookbooks cookouts
cotyledon councilor councilwoman councilwomen countryside countrysides countrywoman countrywomen courtesan
courthouse courthouses courtroom courtrooms courtship courtships courtyard courtyards coverall coveralls
coverlets creepers crimson crimsoned darkroom darkrooms database databases datatype davidson dealership
dealerships deathbeds deathless deathlike defenceless defenseless delawarean digitalis directorship
directorships discredit discredits doorstep doorsteps doorstop doorstops doorways downbeat downbeats downfall
downfalls downhearted downplay downplayed downplaying downplays downright downsize downsized downsizes
downsizing downstage downstate downtime downtown downturn downturns downward downwind drawback drawbacks
drawbridge drawbridges dreamland dreamless dreamlike driveways droplets dropouts droppers drugstore drugstores
easternmost eastward ecuadoran edgeways effortless effortlessly elsewhere englishwoman englishwomen enjoyable
evenhanded evergreen evergreens everlasting evermore everready everyplace everywhere exchangeable facebook
faceless falloffs fatherland fatherlands fatherless fearless fearlessly fearlessness fearsome featherweight
fieldwork figurehead figureheads fillmore filmmaker filmmakers filmstrip filmstrips finessing firearms
fireball fireballs firebase firebreak firebreaks firefight firefighter firefighters firefighting firefights
fireflies firehouse firehouses fireplace fireplaces firepower fireside firesides firewall firewalls firewater
firework fireworks firstborn firstborns firsthand fishwife flightless floorboard floorboards foodstuff
foodstuffs footbridge footbridges footfall footfalls foothold footholds footlights footnote footnoted
footnotes footnoting footrest footrests footstep footsteps footwear footwork foraged forages forbearance
forbearing forbidding forbiddingly forcefully forcefulness forearmed forearming foreboded foreboding
forecasted forecasting foreclosed foreclosing foregathered foregathering foregoing foregrounded foregrounding
foreordained foreordaining foreseeing foreshadowed foreshadowing foreshortened foreshortening forestall
forestalled forestalling forestalls forestation foresting foreswear foreswearing foreswears foretasted
foretasting foretelling forever forewarned forewarning forfeited forfeiting forgathered forgathering forgave
forgeries forgetfully forgetfulness forgettable forgive forgiven forgiveness forgives forgiving forking
forlornly formalisation formalised formalising formalities formality formalization formalized formalizing
formals format formation formations formative formatted formatting formidably formless formlessly formlessness
formulated formulating formulation formulations fornicated fornicating fornication forsaking forswear
forswearing forswears forthcoming forthrightly forthrightness fortification fortifications fortified fortifies
fortifying fortnightly fortuitous fortuitously fortunately forwent fourscore foursome foursomes freebase
freebased freebases freebasing freehand freehold freeholder freeholders freeholds freestanding freestyle
freestyles freethinker freethinkers freethinking freetown freeways freewill frenchwoman frenchwomen fresher
friendless frontages frontline frontrunner fullback fullbacks furthermore furthermost gamekeeper gamekeepers
georgetown girlfriend girlfriends giveaway giveaways goalkeeper goalkeepers goaltender goaltenders
gondwanaland goodall goodby goodnight goodrich goodwill goodyear greenback greenbacks greenhouse greenhouses
greenpeace greensward groundbreaking groundless groundlessly groundswell groundswells groundwork guatemalan
guessable guesswork gunshots hairball hairballs haircuts hairless hairline hairlines hairpiece hairpieces
hairspring hairsprings hairstyle hairstyles halfback halfbacks halfhearted halftime halftimes handbags
handball handballs handbill handbills handbook handbooks handcars handguns handheld handhelds handmade
handouts handover handpick handpicked handpicking handpicks handsets handshake handshakes handshaking handsome
handsomely handsomeness handsomer handsomest handspring handsprings handstand handstands handwork handwriting
handwritten hardback hardbacks hardball hardcover hardcovers hardheaded hardhearted hardin hardline hardliner
hardliners hardship hardships hardtops hastened hastening hastens hastiness headband headbands headboard
headboards headdress headdresses headfirst headland headlands headless headlight headlights headline headlined
headlines headlining headlong headphone headphones headrest headrests headroom headsets headstrong headwaiter
headwaiters headwaters headwind headwinds headword headwords healthfully healthfulness healthily healthiness
hearkened hearkening heartbeat heartbeats heartbreak heartbreaking heartbreaks heartened heartening heartens
hearties heartily heartiness heartland heartlands heartless heartlessly heartlessness heartrending
heartwarming heatedly heavenly heaviness heavyweight heavyweights heckling hectically hectored hectoring
hecuba heedlessly heedlessness heehawed heehawing heightened heightening heinously heinousness heisting
helicoptered helicoptering hellenisation hellenization hellishly helots helpfully helpfulness helpless
helplessly helplessness helpline helplines helpmeet helpmeets hemispherical hemorrhaged hemorrhaging
hemstitched hemstitching hennaing henpecked henpecking heralded heralding herbaceous herbivorous hereabout
hereabouts hereafter hereafters hereby heredity hereford herein hereof heresies heretical hereto hereupon
herewith hermetically hernias heroically hesitantly hesitated hesitating hesitatingly hesitation hesitations
heterogeneity heterogeneous heterosexual heterosexuality hewers hexadecimal hexagonal highball highballs
highborn highboys highchair highchairs highlight highlighted highlighter highlighters highlighting highlights
highways historical historically holdouts holdover holdovers homebodies homebody homeboys homeland homelands
homeless homelessness homemade homemaker homemakers homeowner homeowners homepage homepages homeroom homerooms
hometown hometowns homeward homework honorable honourable hopeless hopelessly hopelessness hopewell hotshots
hourglass hourglasses housebreak housebreaking housebreaks houseflies household householder householders
households househusband househusbands housekeeper housekeepers housekeeping housemother housemothers
houseplant houseplants housetops housewares housewife housework humankind hundredweight hundredweights
idealist idealists inabilities inability inaccessibility inaccuracies inaccurately inaction inactive
inactivity inadequacies inadequately inadvertence inadvertently inanities inappropriately inarticulately
inattention inattentive inaudibly inaugural inaugurated inaugurating inauguration inaugurations inauspicious
inboard inboards inborn inboxes inbreeding inbuilt incalculably incandescence incantation incantations
incapability incapacitated incapacitating incapacity incarcerated incarcerating incarceration incarcerations
incarnated incarnating incarnation incarnations incautious incendiaries incensed incensing incentive
incentives inception inceptions incessantly incestuous incidence incidental incidentally incinerated
incinerating incineration incising incision incisive incisively incisiveness incitement incitements inciting
incivilities incivility inclement inclination inclinations inclined inclining inclose inclosed incloses
inclosing inclusion inclusive inclusively incoherence incoherently incomparably incompatibilities
incompatibility incompatibly incompetence incompetently incompletely incompleteness incomprehensibly
inconceivably inconclusive inconclusively incongruities incongruity incongruous incongruously inconsequential
inconsequentially inconsiderately inconsiderateness inconsistencies inconsistently inconspicuous
inconspicuously inconspicuousness incontestably incontinence incontrovertibly inconvenience inconvenienced
inconveniencing inconveniently incorporated incorporating incorporation incorporeal incorrectly incorrectness
incorrigibility incorrigibly incorruptibility increasingly incredibility incredibly incredulity incredulous
incredulously increment incremental incremented increments incriminated incriminating incrimination
incrustation incrustations incrusted incrusting incubated incubating incubation inculcated inculcating
inculcation inculpated inculpating incumbencies incurably incurious incurred incurring incursion indebted
indebtedness indecencies indecently indecision indecisive indecisively indecisiveness indecorous indefatigably
indefensibly indefinably indefinitely indelibly indelicacies indelicately indemnification indemnifications
indemnified indemnifies indemnifying indemnities indemnity indentation indentations indented indenting
indentured indenturing independence independently indescribably indestructibly indeterminately indexing
indianan indication indications indicative indicatives indicted indicting indictment indictments indifference
indifferent indifferently indigence indigenous indigestion indignantly indignation indignities indignity
indirection indirectly indirectness indiscreetly indiscretion indiscretions indiscriminately indispensably
indisposed indisposition indispositions indisputably indistinctly indistinctness individualised
individualising individuality individualized individualizing indivisibility indivisibly indoctrinated
indoctrinating indoctrination indolence indolently indomitably indoor indoors indorsed indorsement
indorsements indorsing indubitably inducement inducements inducing inductance inducted inducting induction
inductions inductive indued indues indulged indulgence indulgently indulging industrial industrialisation
industrialised industrialising industrialization industrialized industrializing industrially industrious
industriously industriousness inebriated inebriating inebriation ineffably ineffective ineffectively
ineffectiveness ineffectual ineffectually inefficiencies inefficiently inelegance inelegantly ineligibility
ineluctably ineptness inequalities inequality inequities inequity inertial inertness inescapably inessential
inestimably inevitability inevitably inexcusably inexhaustibly inexorably inexpensive inexpensively
inexperience inexperienced inexpert inexplicably inextricably infallibility infallibly infamies infamous
infamously infantries infarction infatuated infatuating infatuation infatuations infected infecting infection
infections infectious infectiously infectiousness infelicities infelicitous infelicity inference inferential
inferiority infernal inferred inferring infertility infestation infestations infested infesting infidelities
infidelity infield infielder infielders infields infighting infiltrated infiltrating infiltration infinitely
infinitesimal infinitesimally infinities infinitive infinitives infinity infirm infirmaries infirmities
infirmity inflamed inflaming inflammation inflammations inflated inflating inflation inflected inflecting
inflection inflectional inflections inflexibility inflexibly inflicted inflicting infliction inflorescence
influence influenced influencing influential influentially infomercial inform informal informality informally
informative informed informer informers informing informs infotainment infraction infractions infrared
infrequently infringed infringement infringements infringing infuriated infuriating infuriatingly infusing
infusion ingenious ingeniously ingenuity ingenuous ingenuously ingenuousness ingested ingesting ingestion
inglorious ingrained ingraining ingratiated ingratiating ingratiatingly ingratitude inhabited inhabiting
inhalation inhalations inhaling inhere inhered inherently inheres inhering inheritance inherited inheriting
inhibited inhibiting inhibition inhibitions inhuman inhumanely inhumanities inhumanity inhumanly inimical
inimically inimitably iniquities iniquitous iniquity initialed initialing initialisation initialised
initialising initialization initialized initializing initialled initialling initially initiated initiating
initiation initiations initiative initiatives injected injecting injection injections injudicious injunction
injunctions injuries injuring injurious inkiness inking inland inlaying inlays inlets inline innately
innocence innocently innocuous innocuously innovated innovating innovation innovations innovative inoculated
inoculating inoculation inoculations inoffensive inoffensively inoperative inordinately inpatient inpatients
inputs inputted inputting inquired inquiries inquiring inquiringly inquisition inquisitions inquisitive
inquisitively inquisitiveness inroad inroads insanely insaner insanest insanity insatiably inscribed
inscribing inscription inscriptions inscrutably insectivorous insecure insecurely insecurities insecurity
inseminated inseminating insemination insensibility insensibly insensitive insensitively insensitivity
insentience inseparability inseparably inserted inserting insertion insertions insets insetted insetting
insidious insidiously insidiousness insignes insignificance insignificant insignificantly insincerely
insincerity insinuated insinuating insinuation insinuations insisted insistence insistently insisting
insolence insolently insolubility insouciance inspected inspecting inspection inspections inspiration
inspirational inspirations inspired inspiring instability installation installations installed installing
installment installments instalment instalments instance instanced instancing instantaneous instantaneously
instantly instep insteps instigated instigating instigation instill instilled instilling instills instinctive
instinctively instituted instituting institutionalised institutionalising institutionalized institutionalizing
instructed instructing instruction instructional instructions instructive instructively instrument
instrumental instrumentality instrumentation instrumented instrumenting instruments insubordination
insubstantial insufferably insufficiently insularity insulated insulating insulation insulted insulting
insurance insure insured insurer insurers insures insurgence insurgencies insuring insurrection insurrections
intake intakes intangibly integral integrated integrating integration integrity integument integuments
intellectual intellectualised intellectualising intellectualized intellectualizing intellectually intelligence
intelligently intelligibility intelligibly intemperance intend intended intending intends intensely
intensification intensified intensifies intensifying intensities intensity intensive intensively intensives
intention intentional intentionally intentions intently intentness interacted interacting interactions
interactive interbred interbreed interbreeding interceded interceding intercepted intercepting interception
interceptions intercession interchangeable interchangeably interchanged interchanging interconnected
interconnecting interconnection interconnections intercontinental interdenominational interdepartmental
interdependence interdicted interdicting interdiction interfaced interfacing interfered interference
interfering interjected interjecting interjection interjections interlaced interlacing interlarded
interlarding interleaved interleaving interlinked interlinking interlocked interlocking interluded interluding
intermarries intermarrying intermediaries interment interments interminably intermingled intermingling
intermittently internal internalised internalising internalized internalizing internally internationalised
internationalising internationalized internationalizing interned internement interneship interning internment
internship interpolated interpolating interpolation interpolations interposed interposing interpretation
interpretations interpretative interpreted interpreting interpretive interracial interred interrelated
interrelating interrelationships interring interrogated interrogating interrogation interrogations
interrogative interrogatives interrogatories interrupted interrupting interruption interruptions intersected
intersecting intersections interspersed interspersing intertwined intertwining interval intervened intervening
intervention interventions interweaved interweaving intestinal intimacies intimated intimately intimating
intimation intimations intimidated intimidating intimidation intolerably intolerance intonation intonations
intoning intoxicated intoxicating intoxication intractability intramural intransigence intransitive
intransitively intransitives intravenous intravenously intrenched intrenching intrenchment intrenchments
intrepidly intricacies intricately intrigued intriguing intriguingly intrinsically introduced introducing
introduction introductions introspection introspective introversion introverted intruded intruding intrusion
intrusive intrusted intrusting intuited intuiting intuition intuitions intuitive intuitively inundated
inundating inundation inundations invading invalidated invalidating invalidation invalided invaliding
invalidity invariably invasion invasive invective inveighed inveighing inveigled inveigling invented inventing
invention inventions inventive inventiveness inventoried inventories inventorying inversely inversion
inversions inverted inverting invested investigated investigating investigation investigations investigative
investing invidious invidiously invigorated invigorating invigoration invincibility invincibly inviolability
invisibility invisibly invitation invitational invitations inviting invitingly invocation invocations invoice
invoiced invoices invoicing invoking involuntarily invulnerability invulnerably inward inwardly iraqis
irishwoman irishwomen islets isolated isolating isolation issuance italicised italicising italicized
italicizing itchiness itemisation itemised itemising itemization itemized itemizing iterated iterating
iteration iterations iterative itineraries jamestown johnson johnstown justin karaganda kindhearted kingfisher
kingfishers kingship kingsport kingstown knowable knowledgeable kuwaitis landfall landfalls landfill landfills
landholder landholders landline landlines landon landowner landowners landsat landscape landscaped landscapes
landward lateralled lateralling lateran laughable laughingstock laughingstocks lawson leadership leftmost
leftover leftovers lessor letdowns letterhead letterheads levelheaded lifeblood lifeforms lifeless lifelike
lifeline lifelines lifelong lifesaver lifesavers lifesaving lifestyle lifestyles lifetime lifetimes lifework
lifeworks lightheaded lighthearted lighthouse lighthouses lightweight lightweights likeable likeableness
limousin lineages linebacker linebackers listless listlessly listlessness liston liveable livelong livelongs
livermore livestock longhair longhairs longhand longstreet longtime longview lookouts lowercase madeline
mainland mainlands mainline mainlined mainlines mainlining mainspring mainsprings mainstay mainstays
maintainability maintainable malayan malefactor malefactors manageability manageable mandarin mansfield manson
marian marion maritime marketability marketable marketplace marketplaces marriageable martinis meaningless
meantime meanwhile measureless medallist medallists meetinghouse meetinghouses membership memberships
menstrual menswear metaphysical mezzanine microsecond middletown middleweight middleweights millionaires
millisecond mindless mindlessly mindlessness minefield minefields mohammedan moneybags moneymaker moneymakers
moneymaking monocotyledon moreover motherboard motherboards motherland motherlands motherless mouthpiece
mouthpieces mouthwatering moveable moveables multimillionaires nameless nationwide nearby needless needlessly
nevermore newsagents newsboys newsgroup newsgroups newsletter newsletters newspaperwoman newspaperwomen
newsstand newsstands newsweek niceties nightclub nightclubbed nightclubbing nightclubs nightfall nightlife
nightshades nighttime nonbreakable nonesuch nonesuches nonreturnable nonreturnables nonsexist northeast
northeaster northeastern northeasters northeasts northernmost northward northwest northwests notable notables
notarised notarising notarized notarizing notations notebook notebooks notepaper noticeable noticeably
noticeboard noticeboards notification notifications notifying notionally notorious notoriously notwithstanding
notwork notworks numberless offended offending offensive offensively offensiveness offensives offertories
offhandedly officeholder officeholders officiated officiating officious officiously officiousness offloaded
offloading offsetting offshoring offspring oftentimes oncoming online onlooker onlookers onrushing onsets
onuses onward openhanded openoffice openwork orations oratorical oratories orbital orbited orbiting orbits
orchestral orchestrated orchestrating orchestration orchestrations ordained ordaining ordeal ordeals orderlies
orderliness ordinance ordinaries ordinarily ordinariness ordination ordinations organically organisation
organisational organisations organised organising organized organizing oriental orientated orientating
orientation orientations oriented orienting originality originated originating origination ornament ornamental
ornamentation ornamented ornamenting ornaments ornately ornateness orphaned orphaning orthodoxies orthogonal
orthogonality orthographies orwell otherworldly outermost outstrip outstripped outstripping outstrips
overacted overacting overacts overages overall overalls overbites overbooked overbooking overbooks overcharged
overcharges overcharging overcook overcooked overcooking overcooks overdrawing overdraws overeating overeats
overgrowing overgrows overhands overheads overheard overhearing overhears overlaying overlays overlooked
overlooking overlooks overmuches overnights overpasses overpaying overpays overplays overpowered overpowering
overpowers overpriced overprices overpricing overproduces overproducing overrated overrates overrating
overreached overreaches overreaching overreaction overruled overruling overrunning overruns overseeing
oversees overselling oversells overshared overshares oversharing oversimplified oversized overspending
overspends overstated overstating overstayed overstaying overstays overstepped overstepping oversteps
overstocked overstocking overstocks overstuffed oversupplied oversupplying overtakes overtaking overtaxed
overtaxes overtaxing overthinking overthinks overthrowing overthrows overturned overturning overturns overuses
overviews overwrites overwriting ownership paperback paperbacks paperboys papergirl papergirls paperweight
paperweights paperwork paraguayan passable passages passbook passbooks passerby passersby passkeys passover
passovers password passwords pastas pastor peaceable peacemaker peacemakers peacetime pennyweight persevered
perseveres persevering personable personages perusing photostats pickford piecework placeholder planking
playable playacted playacting playacts playback playbacks playbill playbills playboys playground playgrounds
playhouse playhouses playlist playlists playoffs playroom playrooms playstation plaything playthings pointless
pointlessly pointlessness policyholder policyholders policymakers poorhouse poorhouses powerhouse powerhouses
powerless powerlessly powerlessness powerpoint presentable preventable priceless priceline processor
professorship professorships projector protector publican pullback pullbacks pullmans pullouts pullover
pullovers purposeless pushover pushovers questionable racecourse racecourses raceways radioactivity rankin
reachable readabilities readability readable readership readerships readjust readjusted readjusting
readjustment readjustments readjusts readouts reallocated reasonable reasonableness receivership rechargeable
recoverable refillable reflector refocussing reformat refundable rehearsing replaceable restarting restarts
restfuller restfullest restless restlessly restlessness restroom restrooms returnable returnables rewindable
rightmost riverbeds riverfront riverside riversides roadbeds roadhouse roadhouses roadrunner roadshow roadside
roadsides roadways roadwork robertson rockford rockwell royalties rundowns safekeeping sakhalin salvadoran
samson sandbagged sandbagging sandbags sandbank sandbanks sandbars sandboxes sandlots sandpaper sandpapered
sandpapering sandpapers saturnine schoolbook schoolbooks schoolboys schoolchild schoolchildren schooldays
schoolgirl schoolgirls schoolhouse schoolhouses schoolroom schoolrooms schoolteacher schoolteachers schoolwork
schoolyard schoolyards scoreboard scoreboards scorecard scorecards scoreless scotswoman scotswomen seascape
seascapes seasonable secondhand seedless selloffs sellouts senseless senselessly senselessness serviceable
servicewoman servicewomen shakedown shakedowns shankara shanties shareable shareholder shareholders sharepoint
sheared sheathing sheepishly sheepishness shellacked shellacking sheltered sheltering shepherded shepherding
shipboard shipboards shipbuilder shipbuilders shipbuilding shippers shipyard shipyards shortages shortchange
shortchanged shortchanges shortchanging shortcuts shortfall shortfalls shorthand shortlist shortstop
shortstops showcase showcased showcases showcasing showdown showdowns showgirl showgirls showoffs showpiece
showpieces showplace showplaces showroom showrooms showstopper sidearms sidebars sideboard sideboards sidecars
sidelight sidelights sideline sidelined sidelines sidelining sidelong sidereal sideshow sideshows sidestep
sidestepped sidestepping sidesteps sidewalk sidewalks sidewall sidewalls sideways signalled signalling
signboard signboards sincerest singsong singsonged singsonging singsongs sizeable skinhead skinheads skinless
soapiness soared sobering soberness sociability sociably socialisation socialised socialising socialization
socialized socializing societal sociological softened softening softhearted softness sogginess sojourned
sojourning solacing soldered soldering solemnised solemnising solemnity solemnized solemnizing solemnly
solicitation solicitations solicited soliciting solicitous solicitously solidarity solidification solidified
solidifies solidifying solidity solidness soliloquies soliloquised soliloquising soliloquized soliloquizing
solitaries solubility solution solutions somalian somalians somberly sombrely someplace somersaulted
somersaulting sometime somewhat somewhats somewhere somnolence songwriter songwriters sonority sonorous
soothing soothingly sophisticated sophisticating sophistication sophistries sordidly sordidness sorehead
soreness sorest sororities sorority sorrowed sorrowfully sorrowing sortieing soughing soulfully soulfulness
soundless soundlessly soundproofed soundproofing sourness soused souses sousing southeasterly southeastern
southeastward southerlies southerly southernmost southward southwest southwester southwesterly southwestern
southwesters southwests sowers spaceflight spaceflights spaceship spaceships spacewalk spacewalked
spacewalking spacewalks speakeasies speakeasy specialties speechless sportswear sportswoman sportswomen
springboard springboards springfield springtime stagecoach stagecoaches stagehand stagehands standby
standfirst standoffs standouts standpoint standpoints standstill standstills starboard starfish starfishes
starless starlets starlight statehouse statehouses stateless stateroom staterooms stateside statewide
stepbrother stepbrothers stepchild stepchildren stepdaughter stepdaughters stepfather stepfathers stepmother
stepmothers stepparent stepparents stepsister stepsisters stepson stepsons stillborn stockholder stockholders
stockroom stockrooms stockyard stockyards stoplight stoplights stopover stopovers stoppage stoppages stoppered
stoppering stoppers stopwatch stopwatches storefront storefronts storehouse storehouses storekeeper
storekeepers storeroom storerooms storybook storybooks storyteller storytellers streetcars streetlight
streetlights streetwalker streetwalkers strongboxes stronghold strongholds strychnine studentship studentships
successor suchlike summerhouse summerhouses summertime supportable surefire surefooted sureties tableland
tablelands takeaways takeoffs takeouts takeover takeovers taliesin teachable teamwork tenderfoot tenderfoots
tenderhearted tendon tensor testable testis thankless thanklessly thanksgiving theatrical theatrically
thematically theocracies theological theologies theoretical theoretically theorised theorising theorized
theorizing therapeutically therapies thereabout thereabouts thereafter thereby therefrom therein thereof
thereon thereto thereupon therewith thermally thesis thoughtless thoughtlessly thoughtlessness threescore
threescores threesome threesomes thresher threshers threshold thresholds throughways throwaway throwaways
throwback throwbacks timekeeper timekeepers timeless timelessness timeline timelines timepiece timepieces
timetable timetabled timetables timetabling toadying toasting tobogganed tobogganing toddling toggling
toileted toileting toiletries toking tolerably tolerance tolerantly tolerated tolerating toleration tomahawked
tomahawking tomfooleries tonalities tonality tonguing tonics tonsillectomies tonsorial tonsured tonsuring
topically topographical topographies topological topologically toppling torching tormented tormenting
tormentor torments torpedoed torpedoing torpidity torquing torrance torrential tortuous tortuously tortured
torturing totalities totality tottered tottering touching touchingly toughened toughening tournament
tournaments tousling toweling towelled towelling towered towering towers towheaded townhouse townhouses
townsend township townships townspeople toxicity transportable treatable treeless treetops trespass trespassed
trespasser trespassers trespasses trespassing trevelyan triplets troopship troopships troublemaker
troublemakers troublesome trussing trusties turnabout turnabouts turnaround turnarounds turnkeys turnoffs
turnouts turnover turnovers turntable turntables twosome twosomes typeface typefaces typesets typesetter
typesetting typewrite typewriter typewriters typewrites typewriting typewritten typewrote unacceptability
unacceptable unaccountable unanswerable unapproachable unavoidable unbeatable unbreakable uncertainties
underacted underacting underacts underarms undercharged undercharges undercharging undercurrents undercuts
undercutting underdogs underemployed underfunded undergrounds underhandedly underlays underlined underlines
underlining undermined undermining underpasses underpaying underpays underplays underrated underrates
underrating underscored underscores underscoring undersecretaries underselling undersells undershorts
undersides undersigning undersigns undersized understaffed understandable understated understating understood
understudied understudies understudying undertaker undertakers undertakes undertaking undervalued undervalues
undervaluing underworlds underwriters underwrites underwriting unforgettable uniontown unitas unknowable
unmanageable unmentionable unmentionables unnoticeable unpreventable unquestionable unreachable unreadable
unreasonable unreasonableness unseasonable unshakeable unspeakable unsupportable unthinkable unwholesome
unworkable uppercase uppercuts uppercutting uppermost uruguayan valueless videoconference viewfinder
viewfinders viewpoint viewpoints visitor voiceless walkouts walkways wallboard walleyed walleyes wallpaper
wallpapered wallpapering wallpapers wanton wantoned wantonly wardroom wardrooms washers wassailed wassailing
wastefully wastefulness watchband watchbands watchdogs watchmaker watchmakers watchword watchwords waterbeds
waterboard waterboarded waterboarding waterboards watercolor watercolors watercourse watercourses waterfall
waterfalls waterford waterfront waterfronts waterline waterlines waterpower watershed waterside watersides
watertown waterways waterworks weakened weakening weakling weakness wealthiness weaponless wearable weariness
wearying weaseled weaseling weaselled weaselling weathered weathering weatherised weatherising weatherized
weatherizing weatherproofed weatherproofing webcasting weekdays weekended weekending weekends weeklies
weeknight weeknights weighing weightiness weightless weightlessness weightlifting weirdness welching welland
wellbeing wellspring wellsprings weltered weltering welterweight westerlies westerly westernised westernising
westernized westernizing westernmost westinghouse weston westward whatnot whenever whereabouts whereat whereby
wherefores wherein whereof whereon whereupon wherewithal whichever whitefield whitefish whitefishes whitehead
whitewall whitewalls whitsundays whodunit whodunits whoever wholehearted wholeheartedly wholesaled wholesaling
wholesome wholesomeness whomever whooshing whorehouse willfulness williamson williamsport willingness
willpower wimbledon windbags windbreak windbreaker windbreakers windbreaks windfall windfalls windsor windward
withdraw withdrawal withdrawing withdraws withheld withhold withholding withholds withstand withstanding
withstands withstood womankind womanlike wonderland wonderlands wordplay wordpress workable workaround
workarounds workbook workbooks workdays workforce workhouse workhouses workouts workplace workplaces
workstation workstations workweek workweeks worldwide wrongheaded yardages yardarms yearbook yearbooks yemenis
yorktown youngstown zimbabwean
""".split()
)
