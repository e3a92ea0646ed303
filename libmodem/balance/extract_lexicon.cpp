#include "libmodem/balance/extract_lexicon.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

#include "libmodem/balance/extract_text.hpp"
#include "libmodem/balance/extract_words.hpp"

namespace zanryo::extract {

namespace {

// Entries by their first bytes: two-byte keys in `order` (start[key]..start[key+1]), and
// one-byte entries ("$", "r", "d", "k") by their byte.
struct Buckets {
	std::vector<std::uint32_t> order;
	std::vector<std::uint32_t> start; // 65537
	std::array<std::vector<std::uint32_t>, 256> single;
};

struct Index {
	std::vector<LexEntry> entries;
	Buckets all;
	// Only the entries that may start right after a letter (kNoLeftEdge, or a first
	// character that is not a letter of a spaced script: CJK, Thai, signs). Most
	// positions of a reply are inside a word, where nothing else can match.
	Buckets midWord;
};

// Sort \a entries (indexes into \a all) into buckets by their first bytes.
Buckets bucketize(const std::vector<LexEntry> &all, const std::vector<std::uint32_t> &entries)
{
	Buckets bk;
	std::vector<std::uint32_t> two;
	for (std::uint32_t i : entries) {
		const std::string &t = all[i].text;
		if (t.size() == 1)
			bk.single[static_cast<unsigned char>(t[0])].push_back(i);
		else
			two.push_back(i);
	}
	auto key = [&](std::uint32_t i) {
		const std::string &t = all[i].text;
		return (static_cast<unsigned char>(t[0]) << 8) | static_cast<unsigned char>(t[1]);
	};
	std::stable_sort(two.begin(), two.end(),
			 [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
	bk.order = two;
	bk.start.assign(65537, 0);
	for (std::uint32_t i : two)
		++bk.start[static_cast<std::size_t>(key(i)) + 1];
	for (std::size_t k = 1; k < bk.start.size(); ++k)
		bk.start[k] += bk.start[k - 1];
	return bk;
}

Index buildIndex()
{
	Index ix;
	for (const RawWord &w : rawWords()) {
		LexEntry e;
		e.text = foldText(w.text);
		e.kind = w.kind;
		e.value = w.value;
		e.flags = w.flags;
		e.iso = w.iso;
		if (e.iso == "=") {
			e.iso = w.text; // ISO code written as itself
		}
		if (e.text.empty())
			continue;
		ix.entries.push_back(std::move(e));
	}
	std::vector<std::uint32_t> every, mid;
	for (std::uint32_t i = 0; i < ix.entries.size(); ++i) {
		every.push_back(i);
		const LexEntry &e = ix.entries[i];
		if ((e.flags & kNoLeftEdge) || !isAlphabeticLetter(codepointAt(e.text, 0)))
			mid.push_back(i);
	}
	ix.all = bucketize(ix.entries, every);
	ix.midWord = bucketize(ix.entries, mid);
	return ix;
}

const Index &index()
{
	static const Index ix = buildIndex();
	return ix;
}

bool boundaryOk(std::string_view text, std::size_t begin, std::size_t end, const LexEntry &e)
{
	char32_t first = codepointAt(e.text, 0);
	if (!(e.flags & kNoLeftEdge) && isAlphabeticLetter(first) &&
	    isAlphabeticLetter(codepointBefore(text, begin)))
		return false;
	if (e.flags & kWholeWord) {
		char32_t last = codepointBefore(e.text, e.text.size());
		if (isAlphabeticLetter(last) && isAlphabeticLetter(codepointAt(text, end)))
			return false;
	}
	return true;
}

// Currency each country's carriers bill in, "CC:ISO" pairs (ISO 3166-1 -> ISO 4217).
constexpr std::string_view kCountryCurrency =
	"AD:EUR AE:AED AF:AFN AG:XCD AL:ALL AM:AMD AO:AOA AR:ARS AT:EUR AU:AUD AZ:AZN BA:BAM "
	"BB:BBD BD:BDT BE:EUR BF:XOF BG:BGN BH:BHD BI:BIF BJ:XOF BN:BND BO:BOB BR:BRL BS:BSD "
	"BT:BTN BW:BWP BY:BYN BZ:BZD CA:CAD CD:CDF CF:XAF CG:XAF CH:CHF CI:XOF CL:CLP CM:XAF "
	"CN:CNY CO:COP CR:CRC CU:CUP CV:CVE CY:EUR CZ:CZK DE:EUR DJ:DJF DK:DKK DM:XCD DO:DOP "
	"DZ:DZD EC:USD EE:EUR EG:EGP ER:ERN ES:EUR ET:ETB FI:EUR FJ:FJD FM:USD FR:EUR GA:XAF "
	"GB:GBP GD:XCD GE:GEL GH:GHS GM:GMD GN:GNF GQ:XAF GR:EUR GT:GTQ GW:XOF GY:GYD HK:HKD "
	"HN:HNL HR:EUR HT:HTG HU:HUF ID:IDR IE:EUR IL:ILS IN:INR IQ:IQD IR:IRR IS:ISK IT:EUR "
	"JM:JMD JO:JOD JP:JPY KE:KES KG:KGS KH:KHR KM:KMF KN:XCD KR:KRW KW:KWD KY:KYD KZ:KZT "
	"LA:LAK LB:LBP LC:XCD LI:CHF LK:LKR LR:LRD LS:LSL LT:EUR LU:EUR LV:EUR LY:LYD MA:MAD "
	"MC:EUR MD:MDL ME:EUR MG:MGA MK:MKD ML:XOF MM:MMK MN:MNT MO:MOP MR:MRU MT:EUR MU:MUR "
	"MV:MVR MW:MWK MX:MXN MY:MYR MZ:MZN NA:NAD NE:XOF NG:NGN NI:NIO NL:EUR NO:NOK NP:NPR "
	"NZ:NZD OM:OMR PA:USD PE:PEN PG:PGK PH:PHP PK:PKR PL:PLN PR:USD PS:ILS PT:EUR PY:PYG "
	"QA:QAR RO:RON RS:RSD RU:RUB RW:RWF SA:SAR SB:SBD SC:SCR SD:SDG SE:SEK SG:SGD SI:EUR "
	"SK:EUR SL:SLE SN:XOF SO:SOS SR:SRD SS:SSP SV:USD SY:SYP SZ:SZL TD:XAF TG:XOF TH:THB "
	"TJ:TJS TL:USD TM:TMT TN:TND TO:TOP TR:TRY TT:TTD TW:TWD TZ:TZS UA:UAH UG:UGX US:USD "
	"UY:UYU UZ:UZS VC:XCD VE:VES VN:VND VU:VUV WS:WST YE:YER ZA:ZAR ZM:ZMW ZW:USD";

bool oneOf(std::string_view v, std::initializer_list<std::string_view> set)
{
	return std::find(set.begin(), set.end(), v) != set.end();
}

} /* namespace */

const std::vector<LexEntry> &lexicon()
{
	return index().entries;
}

std::vector<LexHit> scanLexicon(std::string_view text)
{
	const Index &ix = index();
	std::vector<LexHit> hits;
	bool afterLetter = false; // the code point before pos is a letter of a spaced script
	for (std::size_t pos = 0; pos < text.size();) {
		std::size_t next = pos;
		char32_t cp = decodeUtf8(text, next);
		auto b0 = static_cast<unsigned char>(text[pos]);
		if (b0 != ' ' && !isAsciiDigit(static_cast<char>(b0))) { // nothing starts with these
			const Buckets &bk = afterLetter ? ix.midWord : ix.all;
			auto tryEntry = [&](std::uint32_t i) {
				const LexEntry &e = ix.entries[i];
				if (text.size() - pos < e.text.size() ||
				    std::memcmp(text.data() + pos, e.text.data(), e.text.size()) != 0)
					return;
				if (!boundaryOk(text, pos, pos + e.text.size(), e))
					return;
				hits.push_back({ static_cast<std::uint32_t>(pos),
						 static_cast<std::uint32_t>(pos + e.text.size()), i });
			};
			for (std::uint32_t i : bk.single[b0])
				tryEntry(i);
			if (pos + 1 < text.size()) {
				std::size_t key = (static_cast<std::size_t>(b0) << 8) |
						  static_cast<unsigned char>(text[pos + 1]);
				for (std::uint32_t k = bk.start[key]; k < bk.start[key + 1]; ++k)
					tryEntry(bk.order[k]);
			}
		}
		afterLetter = isAlphabeticLetter(cp);
		pos = next;
	}
	return hits;
}

std::string_view countryCurrency(std::string_view country)
{
	if (country.size() != 2)
		return {};
	char cc[2] = { static_cast<char>(country[0] & ~0x20), static_cast<char>(country[1] & ~0x20) };
	for (std::size_t i = 0; i + 6 <= kCountryCurrency.size(); i += 7)
		if (kCountryCurrency[i] == cc[0] && kCountryCurrency[i + 1] == cc[1])
			return kCountryCurrency.substr(i + 3, 3);
	return {};
}

std::string resolveCurrency(std::string_view iso, std::string_view country)
{
	if (iso.empty() || iso[0] != '?')
		return std::string(iso);
	std::string_view name = iso.substr(1);
	std::string_view local = countryCurrency(country);
	auto localIf = [&](std::initializer_list<std::string_view> set,
			   std::string_view fallback) -> std::string {
		if (oneOf(local, set))
			return std::string(local);
		return std::string(fallback);
	};
	if (name == "dollar")
		return localIf({ "USD", "MXN", "CAD", "AUD", "NZD", "SGD", "HKD", "TWD", "ARS", "CLP",
				 "COP", "UYU", "DOP", "CUP", "LRD", "JMD", "TTD", "BSD", "BBD", "BZD",
				 "KYD", "FJD", "GYD", "SRD", "NAD", "BND", "SBD", "XCD", "NIO" },
			       "USD");
	if (name == "yen") // ¥ is CNY in China, JPY elsewhere
		return local == "CNY" ? "CNY" : "JPY";
	if (name == "yuan")
		return localIf({ "TWD", "HKD", "MOP" }, "CNY");
	if (name == "krone")
		return localIf({ "SEK", "NOK", "DKK", "ISK" }, "");
	if (name == "rupee")
		return localIf({ "INR", "PKR", "LKR", "NPR", "MUR", "SCR" }, "INR");
	if (name == "rial")
		return localIf({ "SAR", "IRR", "OMR", "QAR", "YER" }, "");
	if (name == "dinar")
		return localIf({ "KWD", "JOD", "IQD", "BHD", "LYD", "TND", "DZD", "RSD", "MKD" }, "");
	if (name == "dirham")
		return localIf({ "AED", "MAD" }, "");
	if (name == "pound")
		return localIf({ "EGP", "SDG", "SSP", "LBP", "SYP", "GBP" }, "GBP");
	if (name == "shilling")
		return localIf({ "KES", "TZS", "UGX", "SOS" }, "");
	if (name == "ruble")
		return local == "BYN" ? "BYN" : "RUB";
	if (name == "r") // "R49.96" in South Africa; "968.98 r." in Russian transliteration
		return localIf({ "ZAR", "RUB", "BYN" }, "");
	if (name == "peso")
		return localIf({ "MXN", "ARS", "CLP", "COP", "CUP", "DOP", "UYU", "PHP" }, "");
	if (name == "cfa")
		return localIf({ "XOF", "XAF" }, "XOF");
	if (name == "bolivar")
		return localIf({ "BOB", "VES" }, "");
	if (name == "som")
		return localIf({ "KGS", "UZS" }, "KGS");
	if (name == "sum")
		return localIf({ "UZS" }, "");
	if (name == "manat")
		return localIf({ "AZN", "TMT" }, "AZN");
	if (name == "taka")
		return localIf({ "BDT" }, "");
	if (name == "d") // "10.000d" in Vietnam
		return localIf({ "VND" }, "");
	if (name == "n")
		return localIf({ "NGN" }, "");
	if (name == "t") // "106250T": tenge in Kazakhstan, tugrik in Mongolia
		return localIf({ "KZT", "MNT" }, "");
	if (name == "franc")
		return localIf({ "CHF", "XOF", "XAF", "RWF", "BIF", "GNF", "DJF", "KMF", "CDF" }, "XOF");
	if (name == "pesosign") // "P641.30" in the Philippines
		return localIf({ "PHP" }, "");
	if (name == "p") // "65.18 p." (Latin p for Cyrillic р) in Russia
		return localIf({ "RUB", "BYN" }, "");
	if (name == "kwacha")
		return localIf({ "ZMW", "MWK" }, "");
	return {};
}

bool countryUsesMonthFirst(std::string_view country)
{
	std::string cc;
	for (char c : country)
		cc += static_cast<char>(c & ~0x20);
	// CLDR short date patterns that start with the month.
	return oneOf(cc, { "US", "PR", "FM", "MH", "PW", "PH", "GU", "AS", "MP", "UM", "VI", "BZ" });
}

char countryDecimalMark(std::string_view country)
{
	std::string cc;
	for (char c : country)
		cc += static_cast<char>(c & ~0x20);
	// Both marks are decimal here and thousands are grouped with spaces (Russian
	// "125.50 р.", "125,50 р.", MTS "633,100r", "1 024 МБ").
	if (oneOf(cc, { "RU", "UA", "BY", "KZ", "KG", "UZ", "TJ", "AZ", "AM", "GE", "MD", "CU" }))
		return 'b';
	if (oneOf(cc, { "US", "GB", "IE", "CA", "AU", "NZ", "JP", "CN", "TW", "HK", "KR", "IN",
			"PK", "BD", "LK", "NP", "TH", "MY", "SG", "PH", "MX", "NG", "GH", "KE", "TZ",
			"UG", "ZA", "EG", "SA", "AE", "QA", "KW", "OM", "BH", "JO", "IQ", "IL", "IR",
			"CH", "LI", "PR", "GT", "HN", "NI", "SV", "PA", "DO", "PE", "ZW", "ZM", "MW",
			"BW", "ET", "RW", "MM", "KH", "LA", "MN" }))
		return '.';
	if (!cc.empty())
		return ',';
	return 0;
}

} /* namespace zanryo::extract */
