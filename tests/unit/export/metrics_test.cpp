// zanryo-export's exposition: a pure function from modem snapshots to Prometheus text.
#include <gtest/gtest.h>

#include <string>

#include "metrics.hpp"

namespace zanryo::exporter {
namespace {

client::ModemStatus readModem()
{
	client::ModemStatus s;
	s.path = "/org/zanryo/Zanryo1/modem/0123456789abcdef";
	s.device = "/dev/ttyUSB2";
	s.backend = "at";
	s.manufacturer = "Quectel";
	s.model = "EC25";
	s.operatorName = "NTT DOCOMO";
	s.provider = "IIJmio";
	s.state = "ready";
	s.balance.hasData = true;
	s.balance.dataRemaining = 1342177280;
	s.balance.dataTotal = 3221225472;
	s.balance.money = "125.50";
	s.balance.currency = "JPY";
	s.balance.expires = 1798675200;
	s.balance.updatedAt = 1796000000;
	s.balance.stale = false;
	return s;
}

bool has(const std::string &text, const std::string &line)
{
	return text.find(line) != std::string::npos;
}

TEST(Exposition, knownValuesAreSamplesWithTheModemLabel)
{
	ExportState st{ true, { { readModem(), {} } } };
	std::string text = renderMetrics(st);
	const std::string m = "{modem=\"0123456789abcdef\"}";
	struct Case {
		const char *name;
		std::string line;
	};
	const Case cases[] = {
		{ "up", "zanryo_up 1\n" },
		{ "remaining", "zanryo_data_remaining_bytes" + m + " 1342177280\n" },
		{ "total", "zanryo_data_total_bytes" + m + " 3221225472\n" },
		{ "moneyKeepsTheExactDecimal",
		  "zanryo_money_balance{modem=\"0123456789abcdef\",currency=\"JPY\"} 125.50\n" },
		{ "expiry", "zanryo_expiry_timestamp_seconds" + m + " 1798675200\n" },
		{ "lastReading", "zanryo_last_reading_timestamp_seconds" + m + " 1796000000\n" },
		{ "stale", "zanryo_reading_stale" + m + " 0\n" },
		{ "queriesStartAtZero", "zanryo_queries_total" + m + " 0\n" },
		{ "info", "zanryo_modem_info{modem=\"0123456789abcdef\",name=\"Quectel EC25\",provider=\"IIJmio\","
			  "operator=\"NTT DOCOMO\",backend=\"at\"} 1\n" },
		{ "counterType", "# TYPE zanryo_queries_total counter\n" },
		{ "gaugeType", "# TYPE zanryo_data_remaining_bytes gauge\n" },
	};
	for (const Case &c : cases)
		EXPECT_TRUE(has(text, c.line)) << c.name << "\n" << text;
}

TEST(Exposition, unknownValuesAreAbsentNeverZero)
{
	client::ModemStatus s = readModem();
	s.balance = client::Balance{}; // never read
	s.usage = client::Usage{};     // no Usage interface
	std::string text = renderMetrics(ExportState{ true, { { s, {} } } });
	const char *absent[] = { "zanryo_data_remaining_bytes", "zanryo_data_total_bytes", "zanryo_money_balance",
				 "zanryo_expiry_timestamp_seconds", "zanryo_last_reading_timestamp_seconds",
				 "zanryo_reading_stale", "zanryo_usage_period_bytes",
				 "zanryo_estimated_data_remaining_bytes", "zanryo_projected_run_out_timestamp_seconds",
				 "zanryo_query_failures_total", "zanryo_data_unlimited" };
	for (const char *name : absent)
		EXPECT_FALSE(has(text, name)) << name << "\n" << text;
	EXPECT_TRUE(has(text, "zanryo_modem_info{"));
}

TEST(Exposition, unlimitedPlanHasNoRemainingBytes)
{
	client::ModemStatus s = readModem();
	s.balance.dataUnlimited = true;
	s.balance.dataTotal = 0;
	std::string text = renderMetrics(ExportState{ true, { { s, {} } } });
	EXPECT_FALSE(has(text, "zanryo_data_remaining_bytes{")) << text;
	EXPECT_TRUE(has(text, "zanryo_data_unlimited{modem=\"0123456789abcdef\"} 1\n")) << text;
}

TEST(Exposition, usageValuesWhenZanryodCounts)
{
	client::ModemStatus s = readModem();
	s.usage.present = true;
	s.usage.interface = "wwan0";
	s.usage.usedThisPeriod = 52428800;
	s.usage.hasEstimate = true;
	s.usage.estimatedRemaining = 1289748480;
	s.usage.projectedRunOut = 1797000000;
	std::string text = renderMetrics(ExportState{ true, { { s, {} } } });
	const std::string m = "{modem=\"0123456789abcdef\"}";
	EXPECT_TRUE(has(text, "zanryo_usage_period_bytes" + m + " 52428800\n")) << text;
	EXPECT_TRUE(has(text, "zanryo_estimated_data_remaining_bytes" + m + " 1289748480\n")) << text;
	EXPECT_TRUE(has(text, "zanryo_projected_run_out_timestamp_seconds" + m + " 1797000000\n")) << text;
}

TEST(Exposition, usageWithoutInterfaceOrEstimateIsAbsent)
{
	client::ModemStatus s = readModem();
	s.usage.present = true; // counting has not started: no interface known yet
	std::string text = renderMetrics(ExportState{ true, { { s, {} } } });
	EXPECT_FALSE(has(text, "zanryo_usage_period_bytes")) << text;
	EXPECT_FALSE(has(text, "zanryo_estimated_data_remaining_bytes")) << text;
	EXPECT_FALSE(has(text, "zanryo_projected_run_out_timestamp_seconds")) << text;
}

TEST(Exposition, daemonAwayHasNoModems)
{
	std::string text = renderMetrics(ExportState{ false, {} });
	EXPECT_EQ(text, "# HELP zanryo_up Whether zanryod is on the bus (1) or away (0).\n"
			"# TYPE zanryo_up gauge\nzanryo_up 0\n");
}

TEST(Exposition, failuresByErrorLabel)
{
	QueryCounts counts{ 5, { { "timeout", 2 }, { "carrier_error", 1 } } };
	std::string text = renderMetrics(ExportState{ true, { { readModem(), counts } } });
	EXPECT_TRUE(has(text, "zanryo_queries_total{modem=\"0123456789abcdef\"} 5\n")) << text;
	EXPECT_TRUE(has(text, "zanryo_query_failures_total{modem=\"0123456789abcdef\",error=\"timeout\"} 2\n"))
		<< text;
	EXPECT_TRUE(
		has(text, "zanryo_query_failures_total{modem=\"0123456789abcdef\",error=\"carrier_error\"} 1\n"))
		<< text;
}

TEST(Exposition, moneyThatIsNotADecimalIsAbsent)
{
	client::ModemStatus s = readModem();
	s.balance.money = "12,5";
	EXPECT_FALSE(has(renderMetrics(ExportState{ true, { { s, {} } } }), "zanryo_money_balance{"));
}

TEST(Exposition, hostileNamesAreEscapedInLabels)
{
	client::ModemStatus s = readModem();
	s.manufacturer = "Evil \"Modem\"";
	s.model = "a\\b\nc";
	s.provider = "ドコモ \"x\"";
	std::string text = renderMetrics(ExportState{ true, { { s, {} } } });
	EXPECT_TRUE(has(text, "name=\"Evil \\\"Modem\\\" a\\\\b\\nc\"")) << text;
	EXPECT_TRUE(has(text, "provider=\"ドコモ \\\"x\\\"\"")) << text;
	// Every sample stays on one line: no raw newline inside a label.
	for (std::size_t at = text.find("zanryo_modem_info{"); at != std::string::npos;
	     at = text.find("zanryo_modem_info{", at + 1))
		EXPECT_TRUE(text.substr(at, text.find('\n', at) - at).ends_with("} 1"));
}

TEST(EscapeLabelValue, table)
{
	struct Case {
		const char *name;
		std::string in;
		std::string out;
	};
	const Case cases[] = {
		{ "plain", "IIJmio", "IIJmio" },
		{ "quote", "a\"b", "a\\\"b" },
		{ "backslash", "a\\b", "a\\\\b" },
		{ "newline", "a\nb", "a\\nb" },
		{ "utf8Unchanged", "楽天モバイル", "楽天モバイル" },
		{ "empty", "", "" },
	};
	for (const Case &c : cases)
		EXPECT_EQ(escapeLabelValue(c.in), c.out) << c.name;
}

TEST(ErrorLabel, table)
{
	struct Case {
		const char *name;
		const char *in;
		const char *out;
	};
	const Case cases[] = {
		{ "timeout", "org.zanryo.Zanryo1.Error.Timeout: no reply in 30 s", "timeout" },
		{ "carrierError", "org.zanryo.Zanryo1.Error.CarrierError: 残高照会できません", "carrier_error" },
		{ "notSupported", "org.zanryo.Zanryo1.Error.NotSupported: +CUSD: 4", "not_supported" },
		{ "empty", "", "unknown" },
	};
	for (const Case &c : cases)
		EXPECT_EQ(errorLabel(c.in), c.out) << c.name;
}

client::ModemStatus inState(const char *state, std::uint64_t updatedAt, const char *lastError = "")
{
	client::ModemStatus s = readModem();
	s.state = state;
	s.balance.updatedAt = updatedAt;
	s.lastError = lastError;
	return s;
}

TEST(QueryTally, successIsANewReading)
{
	QueryTally t;
	t.observe(inState("ready", 100));
	t.observe(inState("querying", 100));
	EXPECT_FALSE(t.awaitingOutcome());
	t.observe(inState("ready", 100));
	EXPECT_TRUE(t.awaitingOutcome());
	t.settle(inState("ready", 200));
	EXPECT_FALSE(t.awaitingOutcome());
	EXPECT_EQ(t.counts().queries, 1u);
	EXPECT_TRUE(t.counts().failures.empty());
}

TEST(QueryTally, failureWithTheSameErrorAsBeforeIsCountedAgain)
{
	QueryTally t;
	const char *err = "org.zanryo.Zanryo1.Error.Timeout: no reply";
	for (int i = 0; i < 2; i++) {
		t.observe(inState("querying", 100, err));
		t.observe(inState("ready", 100, err));
		t.settle(inState("ready", 100, err));
	}
	EXPECT_EQ(t.counts().queries, 2u);
	EXPECT_EQ(t.counts().failures.at("timeout"), 2u);
}

TEST(QueryTally, nothingCountedWithoutAQuery)
{
	QueryTally t;
	t.observe(inState("ready", 100));
	t.observe(inState("ready", 200)); // a carrier notice SMS: a reading without a query
	t.settle(inState("ready", 200));
	EXPECT_EQ(t.counts().queries, 0u);
}

} // namespace
} // namespace zanryo::exporter
