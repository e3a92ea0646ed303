// Where zanryod's log records go (daemon/log_sink.hpp): the journal only when stderr is
// still the stream systemd connected to it, "<N>" prefixes under systemd otherwise, plain
// text on a terminal or in a test.
#include <gtest/gtest.h>

#include "log_sink.hpp"

namespace zanryo {
namespace {

TEST(LogOutput, journalStreamMatchingStderrIsTheJournal)
{
	EXPECT_EQ(chooseLogOutput("64768:123456", "abc", true, 64768, 123456), LogOutput::Journal);
}

TEST(LogOutput, staleJournalStreamAfterARedirectIsPrefixed)
{
	// systemd set JOURNAL_STREAM, then stderr was redirected (2>file in an ExecStart shell).
	EXPECT_EQ(chooseLogOutput("64768:123456", "abc", true, 64768, 999), LogOutput::Prefixed);
	EXPECT_EQ(chooseLogOutput("64768:123456", nullptr, false, 0, 0), LogOutput::Prefixed);
	EXPECT_EQ(chooseLogOutput("garbage", nullptr, true, 64768, 123456), LogOutput::Prefixed);
}

TEST(LogOutput, serviceWithoutJournalStreamIsPrefixed)
{
	// StandardError=file:... or syslog: systemd still sets INVOCATION_ID.
	EXPECT_EQ(chooseLogOutput(nullptr, "0123456789abcdef", true, 1, 2), LogOutput::Prefixed);
	EXPECT_EQ(chooseLogOutput("", "0123456789abcdef", true, 1, 2), LogOutput::Prefixed);
}

TEST(LogOutput, terminalOrTestIsText)
{
	EXPECT_EQ(chooseLogOutput(nullptr, nullptr, true, 1, 2), LogOutput::Text);
	EXPECT_EQ(chooseLogOutput("", "", true, 1, 2), LogOutput::Text);
}

} /* namespace */
} /* namespace zanryo */
