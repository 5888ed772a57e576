"""Compact word lists for glue repair and language detection (generated once, then kept as data); the glue
repair's never-split list, REAL_COMPOUNDS, lives in compounds.py."""

from __future__ import annotations

from apps.ingest.pipeline.compounds import REAL_COMPOUNDS

__all__ = ["COMMON_WORDS", "PLACE_WORDS", "REAL_COMPOUNDS", "STOPWORDS"]

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
