// Table of replies per language and script. Cases marked "Style" are written in the
// documented format of the carrier named (values chosen); the others are published
// replies also found in tests/data/replies.

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>

#include "libmodem/balance/extract.hpp"

namespace zanryo {
namespace {

using namespace std::chrono;

struct Case {
	const char *name;
	const char *country;
	const char *text;
	const char *money;    // decimal or nullptr
	const char *currency; // ISO 4217 or nullptr
	std::optional<std::uint64_t> data;
	const char *expiry; // YYYY-MM-DD or nullptr
	bool isMenu = false;
	bool isError = false;
};

constexpr std::uint64_t kMiB = 1024ull * 1024;
constexpr std::uint64_t kGiB = kMiB * 1024;

// Received 2026-11-22 10:00 local time for every case.
ExtractContext contextFor(const char *country)
{
	ExtractContext ctx;
	ctx.country = country;
	ctx.utcOffsetMinutes = 0;
	ctx.receivedAt = sys_seconds{ sys_days{ year{ 2026 } / November / 22 } } + hours{ 10 };
	return ctx;
}

const Case kCases[] = {
	// Japanese
	{ "docomoStyleDataRemaining", "JP", "データ残量：1.23GB（今月の上限7GB）", nullptr, nullptr,
	  1320702444ull, nullptr },
	{ "softbankStyleGiga", "JP", "今月の残りデータ量は2.5ギガです。有効期限は2026年12月31日まで。",
	  nullptr, nullptr, 2684354560ull, "2026-12-31" },
	{ "rakutenStyleYenYearless", "JP", "残高は1,234円です。有効期限12月31日", "1234", "JPY",
	  std::nullopt, "2026-12-31" },
	{ "mvnoStyleRemainingOfTotal", "JP", "残り1.2GB/5GB", nullptr, nullptr, 1288490189ull,
	  nullptr },
	{ "yenSignInJapan", "JP", "残高 ¥500", "500", "JPY", std::nullopt, nullptr },
	// Chinese
	{ "chinaMobileAvailable", "CN",
	  "尊敬的客户,您的账户余额为58.30元,可用余额56.30元,冻结余额2.00元。【中国移动】", "56.30",
	  "CNY", std::nullopt, nullptr },
	{ "chinaUnicomStyleTraffic", "CN", "您的话费余额为12.50元，剩余流量1.5GB，有效期至2026-12-31。",
	  "12.50", "CNY", 1610612736ull, "2026-12-31" },
	{ "yenSignInChina", "CN", "余额 ¥8.00", "8.00", "CNY", std::nullopt, nullptr },
	// Russian, Ukrainian, transliteration
	{ "mtsBalance", "RU", "Баланс:2220,76р", "2220.76", "RUB", std::nullopt, nullptr },
	{ "tele2LatinP", "RU", "Баланс 225.24 pуб.", "225.24", "RUB", std::nullopt, nullptr },
	{ "megafonStyleDebt", "RU", "Задолженность 150,00 руб. Пополните счет.", "-150.00", "RUB",
	  std::nullopt, nullptr },
	{ "beelineStyleMinus", "RU", "Ваш баланс -15.20 р.", "-15.20", "RUB", std::nullopt,
	  nullptr },
	{ "mtsStyleSpaceGroupsAndKopecks", "RU", "Баланс 1 234 руб. 50 коп.", "1234.50", "RUB",
	  std::nullopt, nullptr },
	{ "tele2StyleRemainingOfTotal", "RU", "Осталось 1,2 ГБ из 5 ГБ до 31.12.2026", nullptr,
	  nullptr, 1288490189ull, "2026-12-31" },
	{ "kyivstarTranslit", "UA", "Balans 12.50 grn, bonus 0.00grn.", "12.50", "UAH",
	  std::nullopt, nullptr },
	{ "kyivstarCyrillic", "UA", "На рахунку 45,30 грн. Залишок 3 ГБ.", "45.30", "UAH",
	  3 * kGiB, nullptr },
	{ "invalidRequestRu", "RU", "Неверный запрос", nullptr, nullptr, std::nullopt, nullptr,
	  false, true },
	// German, Polish
	{ "kauflandSum", "DE",
	  "Dein Guthaben betraegt: 10,00 EUR Startguthaben, 20,00 EUR Kaufguthaben und 40,00 EUR "
	  "Geschenkguthaben.",
	  "70.00", "EUR", std::nullopt, nullptr },
	{ "congstarStyleNbspThousands", "DE", "Ihr Guthaben: 1.024,50\u00a0€, gültig bis 31.12.2026",
	  "1024.50", "EUR", std::nullopt, "2026-12-31" },
	{ "plusPoland", "PL",
	  "Aktualny stan konta dla numeru 48XXXXXXXXX: 1,23 PLN. Konto wazne do dnia 01-01-2027 "
	  "01:02:03.",
	  "1.23", "PLN", std::nullopt, "2027-01-01" },
	{ "njuZloty", "PL", "1.Stan konta glownego: 11.00 zł. Srodki wazne bezterminowo.", "11.00",
	  "PLN", std::nullopt, nullptr },
	// Spanish, Portuguese, French
	{ "cubacelSum", "CU",
	  "Saldo: 25.00 CUP. Datos: 3.50 GB + 1.24 GB LTE. Linea activa hasta 13-04-27 vence "
	  "13-05-27.",
	  "25.00", "CUP", 5089536246ull, "2027-05-13" },
	{ "claroStyleMonthName", "MX", "Tu saldo es $85.50, vigente hasta el 15 de diciembre de 2026",
	  "85.50", "MXN", std::nullopt, "2026-12-15" },
	{ "vivoStyleReal", "BR", "Saldo R$ 12,34 válido até 30/11/2026", "12.34", "BRL",
	  std::nullopt, "2026-11-30" },
	{ "orangeStyleSolde", "FR", "Votre solde est de 5,00 €. Il vous reste 1,5 Go valable jusqu'au 3 décembre 2026.",
	  "5.00", "EUR", 1610612736ull, "2026-12-03" },
	// Indonesian, Malay, Turkish, Vietnamese, Thai
	{ "telkomselMenuOffers", "ID",
	  "Pulsa Rp 1234 s.d. 01-01-2027 \n1 8GB,Rp30rb/30hr\n2 25GB,Rp50rb/30hr\n22 Info", "1234",
	  "IDR", std::nullopt, "2027-01-01", true },
	{ "xlStyleSisaKuota", "ID", "Sisa kuota 2,5GB berlaku 30 hari. Pulsa Rp10.000", "10000",
	  "IDR", 2684354560ull, "2026-12-22" },
	{ "maxisStyleRinggit", "MY", "Baki kredit anda RM12.50. Sah sehingga 31/12/2026.", "12.50",
	  "MYR", std::nullopt, "2026-12-31" },
	{ "turkcellStyleBakiye", "TR", "Bakiyeniz 12,50 TL. Kalan 1,5 GB. 31.12.2026 tarihine kadar gecerli.",
	  "12.50", "TRY", 1610612736ull, "2026-12-31" },
	{ "vietnamobileTkc", "VN", "TK Chinh: 15.002d, het han 13/10/2027.", "15002", "VND",
	  std::nullopt, "2027-10-13" },
	{ "truemoveBuddhistEra", "TH", "คุณมี 45.50 บ. ถึง 15/03/2570", "45.50", "THB",
	  std::nullopt, "2027-03-15" },
	{ "aisStyleBaht", "TH", "ยอดเงินคงเหลือ 50.00 บาท", "50.00", "THB", std::nullopt, nullptr },
	// Arabic, Persian (their own digits), Hindi, Swahili
	{ "yemenMobileAfterTax", "YE",
	  "عزيزي المشترك، دفعت 2500 ريال بتاريخ 03:01:00 16-06-2026 وأصبح رصيدك بعد ضريبة الحكومة "
	  "2148.9 ريال.",
	  "2148.9", "YER", std::nullopt, nullptr },
	{ "vodafoneEgyptStyleEasternDigits", "EG", "رصيدك الحالي ١٢٫٥٠ جنيه", "12.50", "EGP",
	  std::nullopt, nullptr },
	{ "irancellStylePersianDigits", "IR", "موجودی شما ۱۲۰۰۰ ریال", "12000", "IRR",
	  std::nullopt, nullptr },
	{ "airtelIndiaHindiStyle", "IN", "आपका शेष ₹ 45.50 है", "45.50", "INR", std::nullopt,
	  nullptr },
	{ "ideaRupees", "IN", "Bal: 8.672Rs.Expiry: 27-08-2027", "8.672", "INR", std::nullopt,
	  "2027-08-27" },
	{ "safaricomStyleSalio", "KE", "Salio lako ni KSh 50.00", "50.00", "KES", std::nullopt,
	  nullptr },
	{ "vodacomTanzaniaStyle", "TZ", "Salio: TSh 1,000", "1000", "TZS", std::nullopt, nullptr },
	// English: dollars by country, of/left, month-first dates
	{ "tmobileUsMonthFirst", "US",
	  "Current plan active until 08/10/2027 and will renew for $12.34. Account Balance $56.78.",
	  "56.78", "USD", std::nullopt, "2027-08-10" },
	{ "speakoutCanada", "CA", "Your account balance is $20.00 and expires on Aug 28 2027.",
	  "20.00", "CAD", std::nullopt, "2027-08-28" },
	{ "genericOfLeft", "GB", "You have 1.2GB of 5GB left. Valid for 7 days.", nullptr, nullptr,
	  1288490189ull, "2026-11-29" },
	{ "usedOfTotal", "GB", "You have used 1GB of 5GB.", nullptr, nullptr, 4 * kGiB, nullptr },
	{ "swissApostrophe", "CH", "Ihr Guthaben beträgt CHF 1'024.50", "1024.50", "CHF",
	  std::nullopt, nullptr },
	// Errors and menus
	{ "androidMmiError", "", "Connection problem or invalid MMI code.", nullptr, nullptr,
	  std::nullopt, nullptr, false, true },
	{ "unknownApplication", "", "UNKNOWN APPLICATION", nullptr, nullptr, std::nullopt, nullptr,
	  false, true },
	{ "tchiboMenu", "DE", "Tchibo mobil Servicemenü:\n1 Kontoabfrage\n2 Guthaben-Verfügbarkeit",
	  nullptr, nullptr, std::nullopt, nullptr, true },
	{ "beelineKzStyleOffers", "KZ", "Выберите:\n1. 5GB за 1000T\n2. 10GB за 1800T", nullptr,
	  nullptr, std::nullopt, nullptr, true },
};

TEST(BalanceExtract, RepliesPerLanguage)
{
	for (const Case &c : kCases) {
		Balance b = extractBalance(c.text, contextFor(c.country));
		SCOPED_TRACE(c.name);
		if (c.money) {
			ASSERT_TRUE(b.money.has_value()) << c.name;
			EXPECT_EQ(b.money->toDecimal(), c.money) << c.name;
			EXPECT_EQ(b.money->currency, c.currency) << c.name;
		} else {
			EXPECT_FALSE(b.money.has_value()) << c.name << ": " << b.money->toDecimal();
		}
		EXPECT_EQ(b.dataRemaining, c.data) << c.name;
		EXPECT_EQ(b.expiry ? b.expiry->iso() : std::string("null"), c.expiry ? c.expiry : "null")
			<< c.name;
		EXPECT_EQ(b.isMenu, c.isMenu) << c.name;
		EXPECT_EQ(b.isError, c.isError) << c.name;
		EXPECT_EQ(b.raw, c.text);
	}
}

TEST(BalanceExtract, MenuItemsAreListedAndNotData)
{
	Balance b = extractBalance("Pulsa Rp 1234\n1 8GB,Rp30rb/30hr\n2 25GB,Rp50rb/30hr",
				   contextFor("ID"));
	ASSERT_EQ(b.menu.size(), 2u);
	EXPECT_EQ(b.menu[0].key, "1");
	EXPECT_EQ(b.menu[0].label, "8GB,Rp30rb/30hr");
	EXPECT_FALSE(b.dataRemaining.has_value());
}

TEST(BalanceExtract, ErrorKinds)
{
	EXPECT_EQ(extractBalance("Connection problem or invalid MMI code.", contextFor("")).errorKind,
		  "invalid-mmi");
	EXPECT_EQ(extractBalance("UNKNOWN APPLICATION", contextFor("")).errorKind,
		  "unknown-application");
	EXPECT_EQ(extractBalance("Неверный запрос", contextFor("RU")).errorKind, "invalid-request");
}

TEST(BalanceExtract, DataUnitBaseFromContext)
{
	ExtractContext ctx = contextFor("GB");
	ctx.dataUnitBase = 1000;
	EXPECT_EQ(extractBalance("Data left: 2GB", ctx).dataRemaining, 2000000000ull);
	EXPECT_EQ(extractBalance("Data left: 2GiB", ctx).dataRemaining, 2 * kGiB);
}

TEST(BalanceExtract, AmbiguousSignsFollowCountry)
{
	EXPECT_EQ(extractBalance("Balance $5.00", contextFor("MX")).money->currency, "MXN");
	EXPECT_EQ(extractBalance("Balance $5.00", contextFor("US")).money->currency, "USD");
	EXPECT_EQ(extractBalance("Saldo 5,00 kr", contextFor("SE")).money->currency, "SEK");
	EXPECT_EQ(extractBalance("Saldo 5,00 kr", contextFor("NO")).money->currency, "NOK");
}

TEST(BalanceExtract, RuleOverridesGeneric)
{
	ReplyRule rule{ "test-bonus", R"(Bonus (?<bucket_bonus_money>[\d.]+) pts, main (?<money>[\d.]+))",
			std::string("EUR"), {}, "" };
	ExtractContext ctx = contextFor("DE");
	ctx.rules = std::span<const ReplyRule>(&rule, 1);
	Balance b = extractBalance("Bonus 300 pts, main 4.20", ctx);
	EXPECT_EQ(b.matchedRule, "test-bonus");
	ASSERT_TRUE(b.money);
	EXPECT_EQ(b.money->toDecimal(), "4.20");
	EXPECT_EQ(b.money->currency, "EUR");
	ASSERT_EQ(b.buckets.size(), 1u);
	EXPECT_EQ(b.buckets[0].name, "bonus");
	ASSERT_TRUE(b.buckets[0].money);
	EXPECT_EQ(b.buckets[0].money->toDecimal(), "300");
}

TEST(BalanceExtract, InferredNamesAnExpiryWhoseYearOrMonthWasNotWritten)
{
	struct Case {
		const char *country;
		const char *text;
		Date expiry;
		bool inferred;
	} cases[] = {
		// Received 2026-11-22: 15 January is next year's, 30 December this year's.
		{ "JP", "データ残量1.2GB 有効期限は1月15日", Date{ 2027, 1, 15 }, true },
		{ "GB", "Data: 2.5GB left, valid until 30 Dec.", Date{ 2026, 12, 30 }, true },
		{ "BR", "Saldo R$5,00 validos hasta dia 15", Date{ 2026, 12, 15 }, true },
		{ "GB", "Data: 2.5GB left, valid until 31/12/2026.", Date{ 2026, 12, 31 }, false },
		{ "ID", "Kuota 2GB berlaku 30 hari", Date{ 2026, 12, 22 }, false },
	};
	for (const Case &c : cases) {
		SCOPED_TRACE(c.text);
		Balance b = extractBalance(c.text, contextFor(c.country));
		EXPECT_EQ(b.expiry, std::optional<Date>(c.expiry));
		EXPECT_EQ(b.inferred, c.inferred ? std::vector<std::string>{ "expires" } : std::vector<std::string>{});
	}
	ReplyRule rule{ "test-day-month", R"(until (?<expiry_day>\d+)/(?<expiry_month>\d+))", {}, {}, "" };
	ExtractContext ctx = contextFor("DE");
	ctx.rules = std::span<const ReplyRule>(&rule, 1);
	Balance r = extractBalance("Data valid until 3/1", ctx);
	EXPECT_EQ(r.expiry, (Date{ 2027, 1, 3 }));
	EXPECT_EQ(r.inferred, std::vector<std::string>{ "expires" });
}

TEST(BalanceExtract, BucketsHaveAKindAndTheCarriersLabel)
{
	// Kaufland mobil (tests/data/replies/de.jsonl): every part is spendable, a "main" bucket
	// under its own (folded) name.
	Balance b = extractBalance("Dein Guthaben betraegt: 10,00 EUR Startguthaben, 0,00 EUR Kaufguthaben und "
				   "0,01 EUR Geschenkguthaben.",
				   contextFor("DE"));
	ASSERT_TRUE(b.money);
	EXPECT_EQ(b.money->toDecimal(), "10.01");
	ASSERT_EQ(b.buckets.size(), 3u);
	EXPECT_EQ(b.buckets[0].name, "main");
	EXPECT_EQ(b.buckets[0].label, "startguthaben");
	EXPECT_EQ(b.buckets[1].name, "main");
	EXPECT_EQ(b.buckets[1].label, "kaufguthaben");
	EXPECT_EQ(b.buckets[2].label, "geschenkguthaben");
	EXPECT_EQ(b.buckets[2].money, (Money{ 1, 2, "EUR" }));
	// One bonus amount is one bucket, however many lexicon entries match "bonus".
	Balance en = extractBalance("Balance: 12.50 GBP, bonus 3.00 GBP.", contextFor("GB"));
	ASSERT_EQ(en.buckets.size(), 2u);
	EXPECT_EQ(en.buckets[0].name, "main");
	EXPECT_EQ(en.buckets[0].label, "");
	EXPECT_EQ(en.buckets[1].name, "bonus");
	EXPECT_EQ(en.buckets[1].money, (Money{ 300, 2, "GBP" }));

	ReplyRule rule{ "test-roaming", R"(Roaming (?<bucket_roaming_data>[\d.]+)(?<bucket_roaming_data_unit>MB), main (?<money>[\d.]+))",
			std::string("EUR"), {}, "" };
	ExtractContext ctx = contextFor("DE");
	ctx.rules = std::span<const ReplyRule>(&rule, 1);
	Balance r = extractBalance("Roaming 500MB, main 4.20", ctx);
	ASSERT_EQ(r.buckets.size(), 1u);
	EXPECT_EQ(r.buckets[0].name, "other");
	EXPECT_EQ(r.buckets[0].label, "roaming");
	EXPECT_EQ(r.buckets[0].dataBytes, 500ull << 20);
}

TEST(BalanceExtract, CreateRejectsInvalidRule)
{
	ReplyRule bad{ "bad", R"((?<amount>\d+))", {}, {}, "" };
	Result<BalanceExtractor> ex = BalanceExtractor::create(std::span<const ReplyRule>(&bad, 1));
	ASSERT_FALSE(ex.ok());
	EXPECT_NE(ex.error().message().find("amount"), std::string::npos);
}

} /* namespace */
} /* namespace zanryo */
