#include "core/iso_language.h"

#include <algorithm>
#include <array>
#include <vector>

namespace retorno {

namespace {

// Every ISO 639-1 language (184), keyed by its two-letter code with its 639-3 (= 639-2/T) code,
// then the languages of Central America and Mexico that have only a three-letter code, keyed by
// that code: the Mayan languages of Guatemala, Belize and Mexico, Garifuna, Miskito, Mayangna
// (which ISO 639-3 files Tawahka under), Lenca, Pech, Tol, Pipil, the Nahuatl varieties (and the
// 639-2 collective code nah that registers often use), and the languages of Costa Rica and
// Panama. The ISO 639-1 part was generated from Debian's iso-codes 4.15; the Spanish names are
// written in lower case, as Spanish writes language names, and were corrected by hand where the
// translation was wrong. Sorted by `code` for binary search.
constexpr std::array kLanguages{
    Language{"aa", "aar", "Afar", "afar"},
    Language{"ab", "abk", "Abkhazian", "abjasio"},
    Language{"acr", "acr", "Achi", "achi"},
    Language{"ae", "ave", "Avestan", "avéstico"},
    Language{"af", "afr", "Afrikaans", "afrikaans"},
    Language{"agu", "agu", "Awakateko", "awakateko"},
    Language{"ak", "aka", "Akan", "akan"},
    Language{"am", "amh", "Amharic", "amárico"},
    Language{"an", "arg", "Aragonese", "aragonés"},
    Language{"ar", "ara", "Arabic", "árabe"},
    Language{"as", "asm", "Assamese", "asamés"},
    Language{"av", "ava", "Avaric", "avar"},
    Language{"ay", "aym", "Aymara", "aymará"},
    Language{"az", "aze", "Azerbaijani", "azerbaiyano"},
    Language{"ba", "bak", "Bashkir", "baskir"},
    Language{"be", "bel", "Belarusian", "bieloruso"},
    Language{"bg", "bul", "Bulgarian", "búlgaro"},
    Language{"bi", "bis", "Bislama", "bislama"},
    Language{"bm", "bam", "Bambara", "bambara"},
    Language{"bn", "ben", "Bengali", "bengalí"},
    Language{"bo", "bod", "Tibetan", "tibetano"},
    Language{"br", "bre", "Breton", "bretón"},
    Language{"brn", "brn", "Boruca", "brunca"},
    Language{"bs", "bos", "Bosnian", "bosnio"},
    Language{"bzd", "bzd", "Bribri", "bribri"},
    Language{"bzj", "bzj", "Belize Kriol English", "kriol beliceño"},
    Language{"bzk", "bzk", "Nicaragua Creole English", "inglés criollo nicaragüense"},
    Language{"ca", "cat", "Catalan", "catalán"},
    Language{"caa", "caa", "Ch'orti'", "ch'orti'"},
    Language{"cab", "cab", "Garifuna", "garífuna"},
    Language{"cak", "cak", "Kaqchikel", "kaqchikel"},
    Language{"ce", "che", "Chechen", "checheno"},
    Language{"ch", "cha", "Chamorro", "chamorro"},
    Language{"cjp", "cjp", "Cabécar", "cabécar"},
    Language{"co", "cos", "Corsican", "corso"},
    Language{"cr", "cre", "Cree", "cree"},
    Language{"cs", "ces", "Czech", "checo"},
    Language{"ctu", "ctu", "Chol", "ch'ol"},
    Language{"cu", "chu", "Church Slavic", "eslavo eclesiástico antiguo"},
    Language{"cuk", "cuk", "Guna (San Blas Kuna)", "guna"},
    Language{"cv", "chv", "Chuvash", "chuvasio"},
    Language{"cy", "cym", "Welsh", "galés"},
    Language{"da", "dan", "Danish", "danés"},
    Language{"de", "deu", "German", "alemán"},
    Language{"dv", "div", "Dhivehi", "dhivehi"},
    Language{"dz", "dzo", "Dzongkha", "dzongkha"},
    Language{"ee", "ewe", "Ewe", "ewe"},
    Language{"el", "ell", "Modern Greek (1453-)", "griego moderno"},
    Language{"emp", "emp", "Northern Emberá", "emberá"},
    Language{"en", "eng", "English", "inglés"},
    Language{"eo", "epo", "Esperanto", "esperanto"},
    Language{"es", "spa", "Spanish", "español"},
    Language{"et", "est", "Estonian", "estonio"},
    Language{"eu", "eus", "Basque", "vasco"},
    Language{"fa", "fas", "Persian", "persa"},
    Language{"ff", "ful", "Fulah", "fula"},
    Language{"fi", "fin", "Finnish", "finlandés"},
    Language{"fj", "fij", "Fijian", "fiyiano"},
    Language{"fo", "fao", "Faroese", "feroés"},
    Language{"fr", "fra", "French", "francés"},
    Language{"fy", "fry", "Western Frisian", "frisón occidental"},
    Language{"ga", "gle", "Irish", "irlandés"},
    Language{"gd", "gla", "Scottish Gaelic", "gaélico escocés"},
    Language{"gl", "glg", "Galician", "gallego"},
    Language{"gn", "grn", "Guarani", "guaraní"},
    Language{"gu", "guj", "Gujarati", "guyaratí"},
    Language{"gut", "gut", "Maleku", "maleku"},
    Language{"gv", "glv", "Manx", "manés"},
    Language{"gym", "gym", "Ngäbere", "ngäbere"},
    Language{"ha", "hau", "Hausa", "hausa"},
    Language{"he", "heb", "Hebrew", "hebreo"},
    Language{"hi", "hin", "Hindi", "hindi"},
    Language{"ho", "hmo", "Hiri Motu", "hiri motu"},
    Language{"hr", "hrv", "Croatian", "croata"},
    Language{"ht", "hat", "Haitian", "criollo haitiano"},
    Language{"hu", "hun", "Hungarian", "húngaro"},
    Language{"hy", "hye", "Armenian", "armenio"},
    Language{"hz", "her", "Herero", "herero"},
    Language{"ia", "ina", "Interlingua (International Auxiliary Language Association)",
             "interlingua (Asociación de la Lengua Auxiliar Internacional)"},
    Language{"id", "ind", "Indonesian", "indonesio"},
    Language{"ie", "ile", "Interlingue", "interlingue"},
    Language{"ig", "ibo", "Igbo", "igbo"},
    Language{"ii", "iii", "Sichuan Yi", "yi de Sichuan"},
    Language{"ik", "ipk", "Inupiaq", "iñupiaq"},
    Language{"io", "ido", "Ido", "ido"},
    Language{"is", "isl", "Icelandic", "islandés"},
    Language{"it", "ita", "Italian", "italiano"},
    Language{"iu", "iku", "Inuktitut", "inuktitut"},
    Language{"ixl", "ixl", "Ixil", "ixil"},
    Language{"ja", "jpn", "Japanese", "japonés"},
    Language{"jac", "jac", "Popti'", "popti'"},
    Language{"jic", "jic", "Tol (Tolupan)", "tol (tolupán)"},
    Language{"jv", "jav", "Javanese", "javanés"},
    Language{"ka", "kat", "Georgian", "georgiano"},
    Language{"kek", "kek", "Q'eqchi'", "q'eqchi'"},
    Language{"kg", "kon", "Kongo", "kongo"},
    Language{"ki", "kik", "Kikuyu", "kikuyu"},
    Language{"kj", "kua", "Kuanyama", "kuanyama"},
    Language{"kjb", "kjb", "Q'anjob'al", "q'anjob'al"},
    Language{"kk", "kaz", "Kazakh", "kazako"},
    Language{"kl", "kal", "Kalaallisut", "kalaallisut"},
    Language{"km", "khm", "Khmer", "khmer"},
    Language{"kn", "kan", "Kannada", "canarés"},
    Language{"ko", "kor", "Korean", "coreano"},
    Language{"kr", "kau", "Kanuri", "kanuri"},
    Language{"ks", "kas", "Kashmiri", "cachemir"},
    Language{"ku", "kur", "Kurdish", "kurdo"},
    Language{"kv", "kom", "Komi", "komi"},
    Language{"kvn", "kvn", "Border Kuna", "kuna de la frontera"},
    Language{"kw", "cor", "Cornish", "córnico"},
    Language{"ky", "kir", "Kirghiz", "kirguís"},
    Language{"la", "lat", "Latin", "latín"},
    Language{"lb", "ltz", "Luxembourgish", "luxemburgués"},
    Language{"len", "len", "Lenca", "lenca"},
    Language{"lg", "lug", "Ganda", "ganda"},
    Language{"li", "lim", "Limburgan", "limburgués"},
    Language{"ln", "lin", "Lingala", "lingala"},
    Language{"lo", "lao", "Lao", "laosiano"},
    Language{"lt", "lit", "Lithuanian", "lituano"},
    Language{"lu", "lub", "Luba-Katanga", "luba-katanga"},
    Language{"lv", "lav", "Latvian", "letón"},
    Language{"mam", "mam", "Mam", "mam"},
    Language{"mg", "mlg", "Malagasy", "malgache"},
    Language{"mh", "mah", "Marshallese", "marshalés"},
    Language{"mi", "mri", "Maori", "maorí"},
    Language{"miq", "miq", "Miskito", "miskito"},
    Language{"mk", "mkd", "Macedonian", "macedonio"},
    Language{"ml", "mal", "Malayalam", "malayalam"},
    Language{"mn", "mon", "Mongolian", "mongol"},
    Language{"mop", "mop", "Mopan Maya", "maya mopán"},
    Language{"mr", "mar", "Marathi", "maratí"},
    Language{"ms", "msa", "Malay (macrolanguage)", "malayo"},
    Language{"mt", "mlt", "Maltese", "maltés"},
    Language{"my", "mya", "Burmese", "birmano"},
    Language{"na", "nau", "Nauru", "nauru"},
    Language{"nah", "nah", "Nahuatl languages", "náhuatl"},
    Language{"nb", "nob", "Norwegian Bokmål", "noruego bokmål"},
    Language{"nch", "nch", "Central Huasteca Nahuatl", "náhuatl de la Huasteca central"},
    Language{"nd", "nde", "North Ndebele", "ndebele del norte"},
    Language{"ne", "nep", "Nepali (macrolanguage)", "nepalí"},
    Language{"ng", "ndo", "Ndonga", "ndonga"},
    Language{"ngu", "ngu", "Guerrero Nahuatl", "náhuatl de Guerrero"},
    Language{"nhe", "nhe", "Eastern Huasteca Nahuatl", "náhuatl de la Huasteca oriental"},
    Language{"nhw", "nhw", "Western Huasteca Nahuatl", "náhuatl de la Huasteca occidental"},
    Language{"nl", "nld", "Dutch", "neerlandés"},
    Language{"nn", "nno", "Norwegian Nynorsk", "noruego nynorsk"},
    Language{"no", "nor", "Norwegian", "noruego"},
    Language{"noa", "noa", "Wounaan", "wounaan"},
    Language{"nr", "nbl", "South Ndebele", "ndebele del sur"},
    Language{"nv", "nav", "Navajo", "navajo"},
    Language{"ny", "nya", "Nyanja", "nyanja"},
    Language{"oc", "oci", "Occitan (post 1500)", "occitano"},
    Language{"oj", "oji", "Ojibwa", "ojibwa"},
    Language{"om", "orm", "Oromo", "oromo"},
    Language{"or", "ori", "Oriya (macrolanguage)", "oriya"},
    Language{"os", "oss", "Ossetian", "osetio"},
    Language{"pa", "pan", "Panjabi", "panyabí"},
    Language{"pay", "pay", "Pech", "pech"},
    Language{"pi", "pli", "Pali", "pali"},
    Language{"pl", "pol", "Polish", "polaco"},
    Language{"poc", "poc", "Poqomam", "poqomam"},
    Language{"poh", "poh", "Poqomchi'", "poqomchi'"},
    Language{"ppl", "ppl", "Pipil (Nawat)", "náhuat (pipil)"},
    Language{"ps", "pus", "Pushto", "pastún"},
    Language{"pt", "por", "Portuguese", "portugués"},
    Language{"qu", "que", "Quechua", "quechua"},
    Language{"quc", "quc", "K'iche'", "k'iche'"},
    Language{"rm", "roh", "Romansh", "romanche"},
    Language{"rma", "rma", "Rama", "rama"},
    Language{"rn", "run", "Rundi", "kirundi"},
    Language{"ro", "ron", "Romanian", "rumano"},
    Language{"ru", "rus", "Russian", "ruso"},
    Language{"rw", "kin", "Kinyarwanda", "kinyarwanda"},
    Language{"sa", "san", "Sanskrit", "sánscrito"},
    Language{"sab", "sab", "Buglere", "buglere"},
    Language{"sc", "srd", "Sardinian", "sardo"},
    Language{"sd", "snd", "Sindhi", "sindhi"},
    Language{"se", "sme", "Northern Sami", "sami septentrional"},
    Language{"sg", "sag", "Sango", "sango"},
    Language{"sh", "hbs", "Serbo-Croatian", "serbocroata"},
    Language{"si", "sin", "Sinhala", "cingalés"},
    Language{"sk", "slk", "Slovak", "eslovaco"},
    Language{"sl", "slv", "Slovenian", "esloveno"},
    Language{"sm", "smo", "Samoan", "samoano"},
    Language{"sn", "sna", "Shona", "shona"},
    Language{"so", "som", "Somali", "somalí"},
    Language{"sq", "sqi", "Albanian", "albanés"},
    Language{"sr", "srp", "Serbian", "serbio"},
    Language{"ss", "ssw", "Swati", "siswati"},
    Language{"st", "sot", "Southern Sotho", "sesoto"},
    Language{"su", "sun", "Sundanese", "sondanés"},
    Language{"sv", "swe", "Swedish", "sueco"},
    Language{"sw", "swa", "Swahili (macrolanguage)", "suajili"},
    Language{"ta", "tam", "Tamil", "tamil"},
    Language{"te", "tel", "Telugu", "telugu"},
    Language{"tfr", "tfr", "Teribe (Naso)", "naso tjerdi"},
    Language{"tg", "tgk", "Tajik", "tajiko"},
    Language{"th", "tha", "Thai", "tailandés"},
    Language{"ti", "tir", "Tigrinya", "tigriña"},
    Language{"tk", "tuk", "Turkmen", "turkmeno"},
    Language{"tl", "tgl", "Tagalog", "tagalo"},
    Language{"tn", "tsn", "Tswana", "setsuana"},
    Language{"to", "ton", "Tonga (Tonga Islands)", "tonga (Islas Tonga)"},
    Language{"toj", "toj", "Tojolabal", "tojolabal"},
    Language{"tr", "tur", "Turkish", "turco"},
    Language{"ts", "tso", "Tsonga", "tsonga"},
    Language{"tt", "tat", "Tatar", "tártaro"},
    Language{"ttc", "ttc", "Tektiteko", "tektiteko"},
    Language{"tw", "twi", "Twi", "twi"},
    Language{"ty", "tah", "Tahitian", "tahitiano"},
    Language{"tzh", "tzh", "Tzeltal", "tseltal"},
    Language{"tzj", "tzj", "Tz'utujil", "tz'utujil"},
    Language{"tzo", "tzo", "Tzotzil", "tsotsil"},
    Language{"ug", "uig", "Uighur", "uigur"},
    Language{"uk", "ukr", "Ukrainian", "ucraniano"},
    Language{"ulw", "ulw", "Ulwa", "ulwa"},
    Language{"ur", "urd", "Urdu", "urdu"},
    Language{"usp", "usp", "Uspanteko", "uspanteko"},
    Language{"uz", "uzb", "Uzbek", "uzbeko"},
    Language{"ve", "ven", "Venda", "venda"},
    Language{"vi", "vie", "Vietnamese", "vietnamita"},
    Language{"vo", "vol", "Volapük", "volapük"},
    Language{"wa", "wln", "Walloon", "valón"},
    Language{"wo", "wol", "Wolof", "wolof"},
    Language{"xh", "xho", "Xhosa", "xhosa"},
    Language{"xin", "xin", "Xinka", "xinka"},
    Language{"yan", "yan", "Mayangna (Sumo, Tawahka)", "mayangna (sumo, tawahka)"},
    Language{"yi", "yid", "Yiddish", "yidish"},
    Language{"yo", "yor", "Yoruba", "yoruba"},
    Language{"yua", "yua", "Yucatec Maya", "maya yucateco"},
    Language{"za", "zha", "Zhuang", "zhuang"},
    Language{"zap", "zap", "Zapotec", "zapoteco"},
    Language{"zh", "zho", "Chinese", "chino"},
    Language{"zu", "zul", "Zulu", "zulu"},
};

constexpr bool sorted_by_code() {
    for (std::size_t i = 1; i < kLanguages.size(); ++i) {
        if (!(kLanguages[i - 1].code < kLanguages[i].code))
            return false;
    }
    return true;
}
static_assert(sorted_by_code(), "kLanguages must be sorted by code, without duplicates");

// The table sorted by its three-letter code, built once, for lookups by 639-3 code.
const std::vector<const Language*>& by_alpha3() {
    static const std::vector<const Language*> index = [] {
        std::vector<const Language*> out;
        out.reserve(kLanguages.size());
        for (const auto& language : kLanguages)
            out.push_back(&language);
        std::sort(out.begin(), out.end(),
                  [](const Language* a, const Language* b) { return a->alpha3 < b->alpha3; });
        return out;
    }();
    return index;
}

}  // namespace

std::span<const Language> all_languages() {
    return kLanguages;
}

const Language* find_language(std::string_view code) {
    if (code.size() == 2) {
        auto it =
            std::lower_bound(kLanguages.begin(), kLanguages.end(), code,
                             [](const Language& l, std::string_view key) { return l.code < key; });
        if (it != kLanguages.end() && it->code == code)
            return &*it;
        return nullptr;
    }
    if (code.size() != 3)
        return nullptr;
    const auto& index = by_alpha3();
    auto it =
        std::lower_bound(index.begin(), index.end(), code,
                         [](const Language* l, std::string_view key) { return l->alpha3 < key; });
    if (it != index.end() && (*it)->alpha3 == code)
        return *it;
    return nullptr;
}

}  // namespace retorno
