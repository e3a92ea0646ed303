// zanryoctl history's renderers: the terminal chart and the SVG plot, as pure functions.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <sstream>

#include <fmt/core.h>
#include <pugixml.hpp>

#include "history_render.hpp"

namespace zanryo::ctl {
namespace {

// 2026-11-20 00:00:00 UTC
constexpr std::uint64_t kDay0 = 1795132800;
constexpr std::uint64_t kGiB = 1ull << 30;

class HistoryRender : public testing::Test
{
protected:
	void SetUp() override
	{
		// Labels are local time; the expected strings are UTC.
		const char *tz = std::getenv("TZ");
		oldTz_ = tz ? std::optional<std::string>(tz) : std::nullopt;
		::setenv("TZ", "UTC", 1);
		::tzset();
	}
	void TearDown() override
	{
		if (oldTz_)
			::setenv("TZ", oldTz_->c_str(), 1);
		else
			::unsetenv("TZ");
		::tzset();
	}

	/// The jp-mvno SMS reply at \a at with \a remaining bytes of a 3 GiB plan.
	static client::HistoryReading data(std::uint64_t at, std::uint64_t remaining)
	{
		client::HistoryReading r;
		r.at = at;
		r.source = "sms:00000:残高";
		r.hasData = true;
		r.dataRemaining = remaining;
		r.dataTotal = 3 * kGiB;
		return r;
	}

	static client::HistoryReading unknown(std::uint64_t at)
	{
		client::HistoryReading r;
		r.at = at;
		r.source = "notice:MVNO";
		return r;
	}

	static std::vector<std::string> lines(const std::string &text)
	{
		std::vector<std::string> out;
		std::istringstream in(text);
		for (std::string l; std::getline(in, l);)
			out.push_back(l);
		return out;
	}

	std::optional<std::string> oldTz_;
};

TEST_F(HistoryRender, seriesPrefersDataThenMoneyInOneCurrency)
{
	client::HistoryReading ru;
	ru.at = kDay0;
	ru.money = "125.50";
	ru.currency = "RUB";
	client::HistoryReading eur = ru;
	eur.currency = "EUR";
	eur.at = kDay0 + 1;
	auto money = chartSeries({ eur, ru });
	EXPECT_EQ(money.kind, ChartSeries::Kind::Money);
	EXPECT_EQ(money.unit, "RUB") << "the latest reading's currency";
	ASSERT_EQ(money.points.size(), 2u);
	EXPECT_FALSE(money.points[0].value) << "EUR is not plotted on a RUB axis";
	EXPECT_DOUBLE_EQ(*money.points[1].value, 125.5);

	auto both = chartSeries({ ru, data(kDay0 + 5, kGiB) });
	EXPECT_EQ(both.kind, ChartSeries::Kind::Data);
	EXPECT_FALSE(both.points[0].value);
	EXPECT_EQ(chartSeries({ unknown(kDay0) }).kind, ChartSeries::Kind::None);
	EXPECT_EQ(chartSeries({}).kind, ChartSeries::Kind::None);
}

TEST_F(HistoryRender, terminalChartWithNoValueSaysSo)
{
	EXPECT_NE(renderTerminalChart({}).find("nothing to chart"), std::string::npos);
	EXPECT_NE(renderTerminalChart({ unknown(kDay0) }).find("nothing to chart"), std::string::npos);
}

TEST_F(HistoryRender, terminalChartOfOneReadingIsOneFullColumn)
{
	std::string chart = renderTerminalChart({ data(kDay0, kGiB + kGiB / 4) });
	auto l = lines(chart);
	ASSERT_EQ(l.size(), 1u + 8u + 2u) << chart; // header, 8 rows, axis, time labels
	EXPECT_EQ(l[0], "Data remaining, 1 reading");
	EXPECT_NE(l[1].find("1.25 GiB ┤█"), std::string::npos) << chart;
	EXPECT_NE(chart.find("\n640.00 MiB ┤"), std::string::npos) << "the longest label is not clipped:\n" << chart;
	for (int row = 1; row <= 8; row++)
		EXPECT_EQ(displayWidth(l[row]), 13u) << "one column, no trailing blanks: " << l[row];
	EXPECT_NE(l[9].find("0 B └─"), std::string::npos);
	EXPECT_EQ(l[10], std::string(12, ' ') + "2026-11-20 00:00");
}

TEST_F(HistoryRender, terminalChartOfAFallingBalanceFitsEightyColumns)
{
	std::vector<client::HistoryReading> r;
	for (int i = 0; i < 40; i++)
		r.push_back(data(kDay0 + std::uint64_t(i) * 21600, 3 * kGiB - std::uint64_t(i) * (kGiB / 16)));
	std::string chart = renderTerminalChart(r);
	auto l = lines(chart);
	ASSERT_EQ(l.size(), 11u) << chart;
	for (const auto &line : l)
		EXPECT_LE(displayWidth(line), 80u) << line;
	EXPECT_EQ(l[0], "Data remaining, 40 readings");
	EXPECT_NE(l[1].find("3.00 GiB ┤"), std::string::npos) << chart;
	// Full at the start (leftmost column of the top row), lower at the end.
	EXPECT_EQ(l[1].substr(l[1].find("┤") + 3, 3), "█");
	EXPECT_EQ(displayWidth(l[8]), 80u) << "the bottom row spans the plot: " << l[8];
	EXPECT_LT(displayWidth(l[1]), 80u) << "the top row ends before the last reading: " << l[1];
	EXPECT_NE(l[10].find("2026-11-20 00:00"), std::string::npos);
	EXPECT_NE(l[10].find("2026-11-29 18:00"), std::string::npos) << l[10];
	EXPECT_EQ(displayWidth(l[10]), 80u) << "the end time is right-aligned";
}

TEST_F(HistoryRender, terminalChartLeavesAGapForAReadingWithoutData)
{
	std::string chart = renderTerminalChart(
		{ data(kDay0, 2 * kGiB), unknown(kDay0 + 3600), data(kDay0 + 7200, 2 * kGiB) }, 80, 4);
	auto l = lines(chart);
	ASSERT_EQ(l.size(), 7u) << chart;
	EXPECT_EQ(l[0], "Data remaining, 3 readings (1 without a value: gaps)");
	// The bottom row: full from the first reading, blank from the unknown one, full again
	// at the last column.
	std::string bottom = l[4].substr(l[4].find("│") + 3);
	ASSERT_EQ(displayWidth(bottom), 68u) << l[4]; // 80 columns - 11 for the labels - 1 for the axis
	EXPECT_EQ(bottom.substr(0, 3), "█");
	EXPECT_NE(bottom.find("█ "), std::string::npos);
	EXPECT_EQ(bottom.substr(bottom.size() - 3), "█");
}

TEST_F(HistoryRender, svgParsesWithDatedAxesAndOnePointPerValue)
{
	client::History h;
	h.readings = { data(kDay0, 3 * kGiB), data(kDay0 + 86400, 2 * kGiB), unknown(kDay0 + 2 * 86400),
		       data(kDay0 + 3 * 86400, kGiB / 2) };
	std::string svg = renderSvg(h, "zanryo: <3f2a> & \"co\"");
	pugi::xml_document doc;
	auto parsed = doc.load_string(svg.c_str());
	ASSERT_TRUE(parsed) << parsed.description() << "\n" << svg;
	pugi::xml_node root = doc.child("svg");
	ASSERT_TRUE(root);
	EXPECT_STREQ(root.attribute("xmlns").value(), "http://www.w3.org/2000/svg");
	EXPECT_STREQ(root.child("title").child_value(), "zanryo: <3f2a> & \"co\"");
	EXPECT_EQ(doc.select_nodes("//circle").size(), 3u);
	EXPECT_EQ(doc.select_nodes("//polyline").size(), 2u) << "the unknown reading breaks the line";
	EXPECT_TRUE(doc.select_node("//script").node() == nullptr);
	// Axis labels: dates on x, GiB on y, both axis titles.
	EXPECT_TRUE(doc.select_node("//tspan[text()='2026-11-20']"));
	EXPECT_TRUE(doc.select_node("//tspan[text()='2026-11-23']"));
	EXPECT_TRUE(doc.select_node("//text[text()='3 GiB']")) << svg;
	EXPECT_TRUE(doc.select_node("//text[text()='0 GiB']"));
	EXPECT_TRUE(doc.select_node("//text[text()='Data remaining (GiB)']"));
	EXPECT_TRUE(doc.select_node("//text[starts-with(text(), 'Time (local')]"));
	// The first point is at the top-left of the plot, the last at the right.
	auto circles = doc.select_nodes("//circle");
	double x0 = circles[0].node().attribute("cx").as_double();
	double x2 = circles[2].node().attribute("cx").as_double();
	double y0 = circles[0].node().attribute("cy").as_double();
	double y2 = circles[2].node().attribute("cy").as_double();
	EXPECT_LT(x0, x2);
	EXPECT_LT(y0, y2) << "less data left is lower on the page";
}

TEST_F(HistoryRender, readingsWithinOneHourAreLabelledToTheSecond)
{
	auto l = lines(renderTerminalChart({ data(kDay0 + 5, kGiB), data(kDay0 + 65, kGiB / 2) }));
	ASSERT_FALSE(l.empty());
	EXPECT_NE(l.back().find("2026-11-20 00:00:05"), std::string::npos) << l.back();
	EXPECT_NE(l.back().find("2026-11-20 00:01:05"), std::string::npos) << l.back();
	client::History h;
	h.readings = { data(kDay0 + 5, kGiB), data(kDay0 + 65, kGiB / 2) };
	pugi::xml_document doc;
	ASSERT_TRUE(doc.load_string(renderSvg(h, "minutes").c_str()));
	EXPECT_TRUE(doc.select_node("//tspan[text()='00:00:05']"));
	EXPECT_TRUE(doc.select_node("//tspan[text()='00:01:05']"));
}

TEST_F(HistoryRender, svgOfOneReadingAndOfNothingStillParses)
{
	client::History one;
	one.readings = { data(kDay0, 100ull << 20) };
	pugi::xml_document doc;
	ASSERT_TRUE(doc.load_string(renderSvg(one, "one").c_str()));
	EXPECT_EQ(doc.select_nodes("//circle").size(), 1u);
	EXPECT_TRUE(doc.select_node("//text[text()='Data remaining (MiB)']"));

	pugi::xml_document empty;
	ASSERT_TRUE(empty.load_string(renderSvg(client::History{}, "none").c_str()));
	EXPECT_EQ(empty.select_nodes("//circle").size(), 0u);
	EXPECT_TRUE(empty.select_node("//text[contains(text(), 'No reading')]"));
}

TEST_F(HistoryRender, svgOfMoneyOnlyHistoryLabelsTheCurrency)
{
	client::History h;
	for (int i = 0; i < 3; i++) {
		client::HistoryReading r;
		r.at = kDay0 + std::uint64_t(i) * 3600;
		r.source = "ussd:*100#";
		r.money = fmt::format("{}.50", 125 - i * 10);
		r.currency = "RUB";
		h.readings.push_back(r);
	}
	pugi::xml_document doc;
	ASSERT_TRUE(doc.load_string(renderSvg(h, "ru").c_str()));
	EXPECT_EQ(doc.select_nodes("//circle").size(), 3u);
	EXPECT_TRUE(doc.select_node("//text[text()='Money (RUB)']"));
}

} // namespace
} // namespace zanryo::ctl

namespace zanryo::ctl {
namespace {

TEST(HistorySvg, titleNamesTheSimAndCountsDaysInTheSingularForOne)
{
	EXPECT_EQ(svgTitle("home", "NTT docomo", 1), "zanryo: home, NTT docomo (1 day)");
	EXPECT_EQ(svgTitle("home", "NTT docomo", 30), "zanryo: home, NTT docomo (30 days)");
	EXPECT_EQ(svgTitle("3f2a9c0d1e2b4a5f", "", 7), "zanryo: 3f2a9c0d1e2b4a5f (7 days)");
}

TEST(HistorySvg, decimalUnitsWithSiAndTheLastDateLabelInsideThePage)
{
	client::History h;
	for (int i = 0; i < 2; i++) {
		client::HistoryReading r;
		r.at = 1795651200 + std::uint64_t(i) * 86400;
		r.hasData = true;
		r.dataRemaining = 3'000'000'000ull - std::uint64_t(i) * 1'000'000'000ull;
		h.readings.push_back(r);
	}
	pugi::xml_document doc;
	ASSERT_TRUE(doc.load_string(renderSvg(h, "si", ByteUnits::Decimal).c_str()));
	EXPECT_TRUE(doc.select_node("//text[text()='Data remaining (GB)']"));
	EXPECT_TRUE(doc.select_node("//text[text()='3 GB']"));
	// A date label is about 70 px wide, centred on its tick: the last one must end
	// inside the 800 px page.
	double width = doc.child("svg").attribute("width").as_double();
	double lastX = 0;
	for (auto t : doc.select_nodes("//g[@class='x-ticks']//tspan"))
		lastX = std::max(lastX, t.node().attribute("x").as_double());
	EXPECT_LE(lastX + 40, width);
}

} /* namespace */
} /* namespace zanryo::ctl */
