// The log sink (libmodem/log/log.hpp): levels, the program's sink, no formatting of a
// record whose level is off.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "libmodem/log/log.hpp"

namespace {

struct Seen {
	zanryo::log::Level level;
	std::string modem;
	std::string text;
};

std::vector<Seen> &seen()
{
	static std::vector<Seen> records;
	return records;
}

void captureSink(const zanryo::log::Record &r)
{
	seen().push_back({ r.level, std::string(r.modem), std::string(r.text) });
}

/// Counts how often it is formatted.
struct Costly {
	int *formatted;
};

} /* namespace */

template<>
struct fmt::formatter<Costly> {
	constexpr auto parse(fmt::format_parse_context &ctx) { return ctx.begin(); }
	template<typename Context>
	auto format(const Costly &c, Context &ctx) const
	{
		++*c.formatted;
		return fmt::format_to(ctx.out(), "costly");
	}
};

namespace zanryo::log {
namespace {

class LogSink : public testing::Test {
protected:
	void SetUp() override
	{
		seen().clear();
		setSink(captureSink);
		setLevel(Level::Info);
	}
	void TearDown() override
	{
		setSink(nullptr);
		setLevel(Level::Info);
		setUnmasked(false);
	}
};

TEST_F(LogSink, levelsAtOrAboveTheThresholdReachTheSink)
{
	error("e {}", 1);
	warning("w {}", 2);
	notice("n");
	info("i");
	debug("d");
	write(Level::Trace, "sim1", "--> AT");
	ASSERT_EQ(seen().size(), 4u);
	EXPECT_EQ(seen()[0].level, Level::Error);
	EXPECT_EQ(seen()[0].text, "e 1");
	EXPECT_EQ(seen()[1].text, "w 2");
	EXPECT_EQ(seen()[3].level, Level::Info);

	setLevel(Level::Trace);
	debug("d");
	write(Level::Trace, "sim1", "--> {}", "AT+CUSD=1,\"*100#\",15");
	ASSERT_EQ(seen().size(), 6u);
	EXPECT_EQ(seen()[5].modem, "sim1");
	EXPECT_EQ(seen()[5].text, "--> AT+CUSD=1,\"*100#\",15");
}

TEST_F(LogSink, aRecordThatIsOffIsNotFormatted)
{
	int formatted = 0;
	debug("{}", Costly{ &formatted });
	write(Level::Trace, "sim1", "{}", Costly{ &formatted });
	EXPECT_EQ(formatted, 0);
	EXPECT_TRUE(seen().empty());
	info("{}", Costly{ &formatted });
	EXPECT_EQ(formatted, 1);
	EXPECT_FALSE(enabled(Level::Debug));
	EXPECT_TRUE(enabled(Level::Warning));
}

TEST_F(LogSink, emitBypassesTheLevel)
{
	// A modem with trace = true traces whatever the daemon's level.
	emit(Record{ Level::Trace, "sim1", "<-- OK" });
	ASSERT_EQ(seen().size(), 1u);
	EXPECT_EQ(seen()[0].text, "<-- OK");
}

TEST_F(LogSink, recordsShowTheModemFirst)
{
	EXPECT_EQ(formatRecord(Record{ Level::Info, "sim1", "answers again" }), "sim1: answers again");
	EXPECT_EQ(formatRecord(Record{ Level::Info, "", "signal 15: stopping" }), "signal 15: stopping");
	EXPECT_EQ(levelName(Level::Warning), "warning");
	EXPECT_EQ(syslogPriority(Level::Trace), 7);
	EXPECT_EQ(syslogPriority(Level::Error), 3);
}

TEST_F(LogSink, unmaskedIsOffUntilSet)
{
	EXPECT_FALSE(unmasked());
	setUnmasked(true);
	EXPECT_TRUE(unmasked());
}

TEST(LogTimestamp, hasMilliseconds)
{
	std::string t = timestamp();
	ASSERT_EQ(t.size(), 12u) << t;
	EXPECT_EQ(t[2], ':');
	EXPECT_EQ(t[5], ':');
	EXPECT_EQ(t[8], '.');
}

} /* namespace */
} /* namespace zanryo::log */
