// Name lists and contact formats for the demo seed (prisma/seed.ts), one block per language the app speaks.
// Every name carries a plausible Latin transliteration, used to build the customer's e-mail address.
import type { Language } from "~/utils/i18n";

export type Gender = "female" | "male";

export interface FirstName {
  name: string;
  latin: string;
  gender: Gender;
}

/** Surnames that change with gender (Greek, Russian) hold both forms; the others hold the same form twice. */
export interface LastName {
  male: string;
  female: string;
  latinMale: string;
  latinFemale: string;
}

export interface LanguageData {
  firstNames: FirstName[];
  lastNames: LastName[];
  /**
   * Mobile-number templates in E.164 ("#" is any digit, "N" is 2-9), each with a weight. Several countries may share
   * a language (English: US and UK; Arabic: Saudi Arabia and the UAE).
   */
  phones: Array<{ weight: number; templates: string[] }>;
  /**
   * E-mail domains. Only reserved names (RFC 2606 / RFC 6761: example.com/.net/.org and the .example TLD), so the
   * demo data can never deliver mail to a real mailbox, whatever mailer the environment is configured with.
   */
  emailDomains: Array<{ weight: number; domain: string }>;
}

const male = (name: string, latin: string): FirstName => ({ name, latin, gender: "male" });
const female = (name: string, latin: string): FirstName => ({ name, latin, gender: "female" });
/** A surname with one form for everyone. */
const same = (name: string, latin: string): LastName => ({ male: name, female: name, latinMale: latin, latinFemale: latin });
/** A surname with a masculine and a feminine form. */
const gendered = (maleForm: string, femaleForm: string, latinMale: string, latinFemale: string): LastName => ({
  male: maleForm,
  female: femaleForm,
  latinMale,
  latinFemale,
});
/** Russian -ов/-ев/-ин/-ёв surnames take -а in the feminine (Смирнов, Смирнова). */
const russian = (maleForm: string, latin: string) => gendered(maleForm, `${maleForm}а`, latin, `${latin}a`);

const commonDomains = [
  { weight: 5, domain: "example.com" },
  { weight: 2, domain: "example.net" },
  { weight: 1, domain: "example.org" },
];

const english: LanguageData = {
  firstNames: [
    male("James", "james"), male("John", "john"), male("Michael", "michael"), male("David", "david"),
    male("William", "william"), male("Robert", "robert"), male("Daniel", "daniel"), male("Thomas", "thomas"),
    male("Matthew", "matthew"), male("Christopher", "christopher"), male("Andrew", "andrew"), male("Joseph", "joseph"),
    male("Ryan", "ryan"), male("Benjamin", "benjamin"), male("Samuel", "samuel"), male("Oliver", "oliver"),
    male("Jack", "jack"), male("Harry", "harry"), male("Ethan", "ethan"), male("Nathan", "nathan"),
    male("Lucas", "lucas"), male("Henry", "henry"), male("George", "george"), male("Alexander", "alexander"),
    female("Emma", "emma"), female("Olivia", "olivia"), female("Sophie", "sophie"), female("Emily", "emily"),
    female("Jessica", "jessica"), female("Sarah", "sarah"), female("Charlotte", "charlotte"), female("Amelia", "amelia"),
    female("Hannah", "hannah"), female("Grace", "grace"), female("Chloe", "chloe"), female("Lucy", "lucy"),
    female("Megan", "megan"), female("Rebecca", "rebecca"), female("Laura", "laura"), female("Rachel", "rachel"),
    female("Katherine", "katherine"), female("Elizabeth", "elizabeth"), female("Abigail", "abigail"), female("Isabella", "isabella"),
    female("Madison", "madison"), female("Ashley", "ashley"), female("Natalie", "natalie"), female("Victoria", "victoria"),
  ],
  lastNames: [
    same("Smith", "smith"), same("Johnson", "johnson"), same("Williams", "williams"), same("Brown", "brown"),
    same("Jones", "jones"), same("Miller", "miller"), same("Davis", "davis"), same("Wilson", "wilson"),
    same("Anderson", "anderson"), same("Taylor", "taylor"), same("Thomas", "thomas"), same("Moore", "moore"),
    same("Martin", "martin"), same("Jackson", "jackson"), same("Thompson", "thompson"), same("White", "white"),
    same("Harris", "harris"), same("Clark", "clark"), same("Lewis", "lewis"), same("Robinson", "robinson"),
    same("Walker", "walker"), same("Young", "young"), same("Allen", "allen"), same("King", "king"),
    same("Wright", "wright"), same("Scott", "scott"), same("Hill", "hill"), same("Green", "green"),
    same("Adams", "adams"), same("Baker", "baker"), same("Nelson", "nelson"), same("Carter", "carter"),
    same("Mitchell", "mitchell"), same("Roberts", "roberts"), same("Turner", "turner"), same("Phillips", "phillips"),
    same("Campbell", "campbell"), same("Parker", "parker"), same("Evans", "evans"), same("Edwards", "edwards"),
    same("Collins", "collins"), same("Stewart", "stewart"), same("Murphy", "murphy"), same("Cooper", "cooper"),
    same("Hughes", "hughes"), same("O'Brien", "obrien"), same("McDonald", "mcdonald"), same("Fitzgerald", "fitzgerald"),
  ],
  phones: [
    {
      weight: 6,
      // US area codes (New York, LA, Chicago, San Francisco, Boston, Seattle, Denver, Austin, Atlanta, Miami, Phoenix, Dallas).
      templates: ["212", "213", "312", "415", "617", "206", "303", "512", "404", "305", "602", "214"].map((area) => `+1${area}N######`),
    },
    { weight: 4, templates: ["+4474########", "+4475########", "+4477########", "+4478########", "+4479########"] },
  ],
  emailDomains: [...commonDomains, { weight: 2, domain: "mail.example" }],
};

const greek: LanguageData = {
  firstNames: [
    male("Γιώργος", "giorgos"), male("Δημήτρης", "dimitris"), male("Κωνσταντίνος", "konstantinos"), male("Ιωάννης", "ioannis"),
    male("Νίκος", "nikos"), male("Παναγιώτης", "panagiotis"), male("Βασίλης", "vasilis"), male("Χρήστος", "christos"),
    male("Αθανάσιος", "athanasios"), male("Μιχάλης", "michalis"), male("Ευάγγελος", "evangelos"), male("Σπύρος", "spyros"),
    male("Αντώνης", "antonis"), male("Σταύρος", "stavros"), male("Θεόδωρος", "theodoros"), male("Ανδρέας", "andreas"),
    male("Άγγελος", "angelos"), male("Πέτρος", "petros"), male("Στέλιος", "stelios"), male("Αλέξανδρος", "alexandros"),
    male("Μάνος", "manos"), male("Θανάσης", "thanasis"), male("Λευτέρης", "lefteris"), male("Γιάννης", "giannis"),
    female("Μαρία", "maria"), female("Ελένη", "eleni"), female("Αικατερίνη", "aikaterini"), female("Βασιλική", "vasiliki"),
    female("Σοφία", "sofia"), female("Αγγελική", "angeliki"), female("Γεωργία", "georgia"), female("Δήμητρα", "dimitra"),
    female("Κωνσταντίνα", "konstantina"), female("Παρασκευή", "paraskevi"), female("Ευαγγελία", "evangelia"), female("Ιωάννα", "ioanna"),
    female("Χριστίνα", "christina"), female("Αναστασία", "anastasia"), female("Ειρήνη", "eirini"), female("Δέσποινα", "despoina"),
    female("Κατερίνα", "katerina"), female("Νίκη", "niki"), female("Αθηνά", "athina"), female("Φωτεινή", "foteini"),
    female("Χαρά", "chara"), female("Ζωή", "zoi"), female("Αλεξάνδρα", "alexandra"), female("Θεοδώρα", "theodora"),
  ],
  lastNames: [
    gendered("Παπαδόπουλος", "Παπαδοπούλου", "papadopoulos", "papadopoulou"),
    gendered("Παπαδάκης", "Παπαδάκη", "papadakis", "papadaki"),
    same("Γεωργίου", "georgiou"), same("Οικονόμου", "oikonomou"), same("Παπαγεωργίου", "papageorgiou"),
    same("Νικολάου", "nikolaou"), same("Βασιλείου", "vasileiou"), same("Ιωάννου", "ioannou"),
    same("Κωνσταντίνου", "konstantinou"), same("Δημητρίου", "dimitriou"), same("Αθανασίου", "athanasiou"),
    same("Χριστοδούλου", "christodoulou"), same("Παπανικολάου", "papanikolaou"), same("Αντωνίου", "antoniou"),
    same("Παπαδημητρίου", "papadimitriou"), same("Αλεξίου", "alexiou"), same("Αναγνώστου", "anagnostou"),
    same("Ζαφειρίου", "zafeiriou"), same("Αποστόλου", "apostolou"),
    gendered("Μακρής", "Μακρή", "makris", "makri"),
    gendered("Καραγιάννης", "Καραγιάννη", "karagiannis", "karagianni"),
    gendered("Ιωαννίδης", "Ιωαννίδου", "ioannidis", "ioannidou"),
    gendered("Λαμπράκης", "Λαμπράκη", "lamprakis", "lampraki"),
    gendered("Κωστόπουλος", "Κωστοπούλου", "kostopoulos", "kostopoulou"),
    gendered("Μαυρίδης", "Μαυρίδου", "mavridis", "mavridou"),
    gendered("Πετρόπουλος", "Πετροπούλου", "petropoulos", "petropoulou"),
    gendered("Σταθόπουλος", "Σταθοπούλου", "stathopoulos", "stathopoulou"),
    gendered("Νικολαΐδης", "Νικολαΐδου", "nikolaidis", "nikolaidou"),
    gendered("Χατζηδάκης", "Χατζηδάκη", "chatzidakis", "chatzidaki"),
    gendered("Τσακίρης", "Τσακίρη", "tsakiris", "tsakiri"),
    gendered("Κυριακίδης", "Κυριακίδου", "kyriakidis", "kyriakidou"),
    gendered("Βλάχος", "Βλάχου", "vlachos", "vlachou"),
    gendered("Σαββίδης", "Σαββίδου", "savvidis", "savvidou"),
    gendered("Μπακάλης", "Μπακάλη", "bakalis", "bakali"),
    gendered("Παναγιωτόπουλος", "Παναγιωτοπούλου", "panagiotopoulos", "panagiotopoulou"),
    gendered("Θεοδωρόπουλος", "Θεοδωροπούλου", "theodoropoulos", "theodoropoulou"),
    gendered("Καλογεράκης", "Καλογεράκη", "kalogerakis", "kalogeraki"),
    gendered("Σπυρόπουλος", "Σπυροπούλου", "spyropoulos", "spyropoulou"),
    gendered("Τζανετάκης", "Τζανετάκη", "tzanetakis", "tzanetaki"),
    gendered("Φραγκιαδάκης", "Φραγκιαδάκη", "fragkiadakis", "fragkiadaki"),
    gendered("Μιχαηλίδης", "Μιχαηλίδου", "michailidis", "michailidou"),
    gendered("Δημόπουλος", "Δημοπούλου", "dimopoulos", "dimopoulou"),
    gendered("Αλεξανδρόπουλος", "Αλεξανδροπούλου", "alexandropoulos", "alexandropoulou"),
    gendered("Ραφτόπουλος", "Ραφτοπούλου", "raftopoulos", "raftopoulou"),
  ],
  // Greek mobiles: 69x plus seven digits.
  phones: [{ weight: 1, templates: ["690", "693", "694", "695", "697", "698", "699"].map((p) => `+30${p}#######`) }],
  emailDomains: [...commonDomains, { weight: 2, domain: "gramma.example" }],
};

const russianData: LanguageData = {
  firstNames: [
    male("Александр", "aleksandr"), male("Дмитрий", "dmitry"), male("Максим", "maksim"), male("Сергей", "sergey"),
    male("Андрей", "andrey"), male("Алексей", "aleksey"), male("Артём", "artem"), male("Илья", "ilya"),
    male("Кирилл", "kirill"), male("Михаил", "mikhail"), male("Никита", "nikita"), male("Иван", "ivan"),
    male("Егор", "egor"), male("Роман", "roman"), male("Владимир", "vladimir"), male("Павел", "pavel"),
    male("Николай", "nikolay"), male("Евгений", "evgeny"), male("Олег", "oleg"), male("Денис", "denis"),
    male("Игорь", "igor"), male("Виктор", "viktor"), male("Юрий", "yury"), male("Антон", "anton"),
    female("Анна", "anna"), female("Мария", "maria"), female("Елена", "elena"), female("Ольга", "olga"),
    female("Наталья", "natalya"), female("Екатерина", "ekaterina"), female("Татьяна", "tatyana"), female("Ирина", "irina"),
    female("Светлана", "svetlana"), female("Юлия", "yulia"), female("Анастасия", "anastasia"), female("Дарья", "darya"),
    female("Ксения", "ksenia"), female("Полина", "polina"), female("Виктория", "viktoria"), female("Алина", "alina"),
    female("Марина", "marina"), female("Вера", "vera"), female("Людмила", "lyudmila"), female("Софья", "sofya"),
    female("Елизавета", "elizaveta"), female("Алёна", "alena"), female("Надежда", "nadezhda"), female("Валерия", "valeria"),
  ],
  lastNames: [
    russian("Смирнов", "smirnov"), russian("Иванов", "ivanov"), russian("Кузнецов", "kuznetsov"), russian("Попов", "popov"),
    russian("Васильев", "vasilyev"), russian("Петров", "petrov"), russian("Соколов", "sokolov"), russian("Михайлов", "mikhaylov"),
    russian("Новиков", "novikov"), russian("Фёдоров", "fedorov"), russian("Морозов", "morozov"), russian("Волков", "volkov"),
    russian("Алексеев", "alekseev"), russian("Лебедев", "lebedev"), russian("Семёнов", "semenov"), russian("Егоров", "egorov"),
    russian("Павлов", "pavlov"), russian("Козлов", "kozlov"), russian("Степанов", "stepanov"), russian("Николаев", "nikolaev"),
    russian("Орлов", "orlov"), russian("Андреев", "andreev"), russian("Макаров", "makarov"), russian("Никитин", "nikitin"),
    russian("Захаров", "zakharov"), russian("Зайцев", "zaytsev"), russian("Соловьёв", "solovyov"), russian("Борисов", "borisov"),
    russian("Яковлев", "yakovlev"), russian("Григорьев", "grigoryev"), russian("Романов", "romanov"), russian("Воробьёв", "vorobyov"),
    russian("Сергеев", "sergeev"), russian("Кузьмин", "kuzmin"), russian("Фролов", "frolov"), russian("Александров", "aleksandrov"),
    russian("Дмитриев", "dmitriev"), russian("Королёв", "korolev"), russian("Гусев", "gusev"), russian("Киселёв", "kiselev"),
    russian("Ильин", "ilyin"), russian("Максимов", "maksimov"), russian("Поляков", "polyakov"), russian("Белов", "belov"),
    gendered("Ковальский", "Ковальская", "kovalsky", "kovalskaya"),
    gendered("Вишневский", "Вишневская", "vishnevsky", "vishnevskaya"),
  ],
  // Russian mobiles: 9xx plus seven digits.
  phones: [{ weight: 1, templates: ["903", "905", "910", "915", "916", "925", "926", "977", "985", "999"].map((p) => `+7${p}#######`) }],
  emailDomains: [...commonDomains, { weight: 3, domain: "pochta.example" }],
};

const arabic: LanguageData = {
  firstNames: [
    male("محمد", "mohammed"), male("أحمد", "ahmed"), male("عبدالله", "abdullah"), male("خالد", "khaled"),
    male("فهد", "fahad"), male("سلطان", "sultan"), male("عمر", "omar"), male("علي", "ali"),
    male("يوسف", "youssef"), male("إبراهيم", "ibrahim"), male("سعود", "saud"), male("فيصل", "faisal"),
    male("ناصر", "nasser"), male("حمد", "hamad"), male("راشد", "rashid"), male("سعيد", "saeed"),
    male("ماجد", "majed"), male("طارق", "tariq"), male("عبدالرحمن", "abdulrahman"), male("منصور", "mansour"),
    male("تركي", "turki"), male("بندر", "bandar"), male("وليد", "waleed"), male("ياسر", "yasser"),
    female("فاطمة", "fatima"), female("نورة", "noura"), female("سارة", "sara"), female("مريم", "maryam"),
    female("عائشة", "aisha"), female("ريم", "reem"), female("لطيفة", "latifa"), female("هند", "hind"),
    female("منى", "mona"), female("أمل", "amal"), female("دانة", "dana"), female("شهد", "shahad"),
    female("جواهر", "jawaher"), female("لمى", "lama"), female("رنا", "rana"), female("هيا", "haya"),
    female("العنود", "alanoud"), female("ليلى", "layla"), female("نوف", "nouf"), female("خلود", "kholoud"),
    female("أسماء", "asma"), female("روان", "rawan"), female("شيخة", "shaikha"), female("حصة", "hessa"),
  ],
  lastNames: [
    same("العتيبي", "alotaibi"), same("القحطاني", "alqahtani"), same("الشمري", "alshammari"), same("الحربي", "alharbi"),
    same("الغامدي", "alghamdi"), same("الزهراني", "alzahrani"), same("الدوسري", "aldosari"), same("المطيري", "almutairi"),
    same("العنزي", "alanazi"), same("السبيعي", "alsubaie"), same("الشهري", "alshehri"), same("المالكي", "almalki"),
    same("الحمادي", "alhammadi"), same("المنصوري", "almansoori"), same("الكعبي", "alkaabi"), same("الظاهري", "aldhaheri"),
    same("النعيمي", "alnuaimi"), same("المهيري", "almuhairi"), same("الفلاسي", "alfalasi"), same("البلوشي", "albalushi"),
    same("السويدي", "alsuwaidi"), same("المري", "almarri"), same("الكتبي", "alketbi"), same("الهاشمي", "alhashimi"),
    same("الرشيدي", "alrashidi"), same("الجهني", "aljuhani"), same("العمري", "alomari"), same("اليامي", "alyami"),
    same("الأسمري", "alasmari"), same("الشريف", "alsharif"), same("الحازمي", "alhazmi"), same("القرشي", "alqurashi"),
    same("العامري", "alameri"), same("التميمي", "altamimi"), same("الخالدي", "alkhalidi"), same("الهاجري", "alhajri"),
    same("السليمان", "alsulaiman"), same("النجار", "alnajjar"), same("حداد", "haddad"), same("خوري", "khoury"),
    same("ناصر", "nasser"), same("الأنصاري", "alansari"),
  ],
  phones: [
    // Saudi mobiles: 5x plus seven digits.
    { weight: 6, templates: ["50", "53", "54", "55", "56", "58", "59"].map((p) => `+966${p}#######`) },
    // UAE mobiles: 5x plus seven digits.
    { weight: 4, templates: ["50", "52", "54", "55", "56", "58"].map((p) => `+971${p}#######`) },
  ],
  emailDomains: [...commonDomains, { weight: 2, domain: "bareed.example" }],
};

const persian: LanguageData = {
  firstNames: [
    male("محمد", "mohammad"), male("علی", "ali"), male("حسین", "hossein"), male("رضا", "reza"),
    male("مهدی", "mehdi"), male("امیر", "amir"), male("حمید", "hamid"), male("سعید", "saeed"),
    male("مصطفی", "mostafa"), male("جواد", "javad"), male("مجید", "majid"), male("کامران", "kamran"),
    male("بهرام", "bahram"), male("داریوش", "dariush"), male("آرش", "arash"), male("فرهاد", "farhad"),
    male("بابک", "babak"), male("کیوان", "keyvan"), male("سینا", "sina"), male("پویا", "pouya"),
    male("امید", "omid"), male("نیما", "nima"), male("میلاد", "milad"), male("حامد", "hamed"),
    female("زهرا", "zahra"), female("فاطمه", "fatemeh"), female("مریم", "maryam"), female("سارا", "sara"),
    female("نرگس", "narges"), female("لیلا", "leila"), female("شیرین", "shirin"), female("پریسا", "parisa"),
    female("نازنین", "nazanin"), female("مهسا", "mahsa"), female("الهام", "elham"), female("سمیرا", "samira"),
    female("نیلوفر", "niloufar"), female("آزاده", "azadeh"), female("مینا", "mina"), female("شیما", "shima"),
    female("هانیه", "haniyeh"), female("یاسمن", "yasaman"), female("پرستو", "parastoo"), female("ترانه", "taraneh"),
    female("بهاره", "bahareh"), female("ریحانه", "reyhaneh"), female("سپیده", "sepideh"), female("مهناز", "mahnaz"),
  ],
  lastNames: [
    same("محمدی", "mohammadi"), same("حسینی", "hosseini"), same("احمدی", "ahmadi"), same("رضایی", "rezaei"),
    same("موسوی", "mousavi"), same("کریمی", "karimi"), same("جعفری", "jafari"), same("صادقی", "sadeghi"),
    same("رحیمی", "rahimi"), same("هاشمی", "hashemi"), same("قاسمی", "ghasemi"), same("حیدری", "heidari"),
    same("کاظمی", "kazemi"), same("نوری", "nouri"), same("عباسی", "abbasi"), same("اکبری", "akbari"),
    same("ملکی", "maleki"), same("طاهری", "taheri"), same("تهرانی", "tehrani"), same("شریفی", "sharifi"),
    same("نجفی", "najafi"), same("فرهادی", "farhadi"), same("امیری", "amiri"), same("یزدانی", "yazdani"),
    same("کرمانی", "kermani"), same("شیرازی", "shirazi"), same("اصفهانی", "esfahani"), same("قربانی", "ghorbani"),
    same("بهرامی", "bahrami"), same("سلیمانی", "soleimani"), same("مرادی", "moradi"), same("زارعی", "zarei"),
    same("خسروی", "khosravi"), same("افشار", "afshar"), same("توکلی", "tavakoli"), same("صفوی", "safavi"),
    same("فراهانی", "farahani"), same("رستمی", "rostami"), same("میرزایی", "mirzaei"), same("دهقان", "dehghan"),
    same("جلالی", "jalali"), same("کاشانی", "kashani"), same("نیک‌نام", "niknam"),
  ],
  // Iranian mobiles: 9xx plus seven digits.
  phones: [{ weight: 1, templates: ["901", "912", "913", "919", "921", "935", "936", "937", "938", "939", "990"].map((p) => `+98${p}#######`) }],
  emailDomains: [...commonDomains, { weight: 2, domain: "nameh.example" }],
};

export const languageData: Record<Language, LanguageData> = {
  en: english,
  el: greek,
  ru: russianData,
  ar: arabic,
  fa: persian,
};
