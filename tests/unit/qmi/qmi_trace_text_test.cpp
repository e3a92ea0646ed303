// libqmi's message traces summarised for the wire trace (libmodem/qmi/qmi_trace_text.hpp),
// with texts as libqmi-glib 1.32 writes them against zanryo-qmi-sim.
#include <gtest/gtest.h>

#include "libmodem/qmi/qmi_trace_text.hpp"

namespace zanryo {
namespace {

constexpr const char *kGetIdsRequest = "[/dev/cdc-wdm0] sent generic request (translated)...\n"
				       "<<<<<< QMUX:\n"
				       "<<<<<<   length  = 12\n"
				       "<<<<<<   flags   = 0x00\n"
				       "<<<<<<   service = \"dms\"\n"
				       "<<<<<<   client  = 1\n"
				       "<<<<<< QMI:\n"
				       "<<<<<<   flags       = \"none\"\n"
				       "<<<<<<   transaction = 1\n"
				       "<<<<<<   tlv_length  = 0\n"
				       "<<<<<<   message     = \"Get IDs\" (0x0025)\n";

// show_personal_info off: libqmi writes ### for the IMEI.
constexpr const char *kGetIdsResponse = "[/dev/cdc-wdm0] received generic response (translated)...\n"
					"<<<<<< QMUX:\n"
					"<<<<<<   length  = 41\n"
					"<<<<<<   flags   = 0x80\n"
					"<<<<<<   service = \"dms\"\n"
					"<<<<<<   client  = 1\n"
					"<<<<<< QMI:\n"
					"<<<<<<   flags       = \"response\"\n"
					"<<<<<<   transaction = 1\n"
					"<<<<<<   tlv_length  = 29\n"
					"<<<<<<   message     = \"Get IDs\" (0x0025)\n"
					"<<<<<< TLV:\n"
					"<<<<<<   type       = \"Result\" (0x02)\n"
					"<<<<<<   length     = 4\n"
					"<<<<<<   value      = 00:00:00:00\n"
					"<<<<<<   translated = SUCCESS\n"
					"<<<<<< TLV:\n"
					"<<<<<<   type       = \"Esn\" (0x10)\n"
					"<<<<<<   length     = 1\n"
					"<<<<<<   value      = 30\n"
					"<<<<<<   translated = 0\n"
					"<<<<<< TLV:\n"
					"<<<<<<   type       = \"Imei\" (0x11)\n"
					"<<<<<<   length     = 15\n"
					"<<<<<<   value      = 33:35:30:30:30:30:30:30:30:30:30:30:30:30:36\n"
					"<<<<<<   translated = 350000000000006\n";

TEST(QmiTraceText, requestNamesServiceMessageAndTransaction)
{
	auto s = summariseQmiTrace(kGetIdsRequest, false);
	ASSERT_TRUE(s);
	EXPECT_EQ(s->device, "/dev/cdc-wdm0");
	EXPECT_TRUE(s->outgoing);
	EXPECT_EQ(s->text, "--> DMS Get IDs (request 1)");
}

TEST(QmiTraceText, maskedResponseShowsTheResultAndTheTlvNamesOnly)
{
	auto s = summariseQmiTrace(kGetIdsResponse, false);
	ASSERT_TRUE(s);
	EXPECT_FALSE(s->outgoing);
	EXPECT_EQ(s->text, "<-- DMS Get IDs (response 1): Result=SUCCESS, Esn, Imei");
	EXPECT_EQ(s->text.find("350000000000006"), std::string::npos);
	EXPECT_EQ(s->text.find("33:35"), std::string::npos);
}

TEST(QmiTraceText, unmaskedResponseShowsTheTranslatedValues)
{
	auto s = summariseQmiTrace(kGetIdsResponse, true);
	ASSERT_TRUE(s);
	EXPECT_EQ(s->text, "<-- DMS Get IDs (response 1): Result=SUCCESS, Esn=0, Imei=350000000000006");
}

TEST(QmiTraceText, indicationHasNoTransaction)
{
	const char *ind = "[/dev/cdc-wdm0] received generic indication (translated)...\n"
			  "<<<<<< QMUX:\n"
			  "<<<<<<   service = \"voice\"\n"
			  "<<<<<< QMI:\n"
			  "<<<<<<   flags       = \"indication\"\n"
			  "<<<<<<   transaction = 3\n"
			  "<<<<<<   message     = \"USSD\" (0x003E)\n"
			  "<<<<<< TLV:\n"
			  "<<<<<<   type       = \"User Action\" (0x01)\n"
			  "<<<<<<   translated = not-required\n"
			  "<<<<<< TLV:\n"
			  "<<<<<<   type       = \"USS Data\" (0x10)\n"
			  "<<<<<<   translated = [ data_coding_scheme = 'ascii' data = '...' ]\n";
	auto s = summariseQmiTrace(ind, false);
	ASSERT_TRUE(s);
	EXPECT_EQ(s->text, "<-- VOICE USSD (indication): User Action, USS Data");
}

TEST(QmiTraceText, otherLibqmiMessagesAreNoTrace)
{
	// The raw frame dump (it holds the TLVs' bytes), open progress, warnings.
	EXPECT_FALSE(summariseQmiTrace("[/dev/cdc-wdm0] sent message...\n<<<<<< RAW:\n<<<<<<   length = 12\n"
				       "<<<<<<   data   = 01:0B:00:00:00:00:00:01:21:00:00:00...\n",
				       true));
	EXPECT_FALSE(summariseQmiTrace("[/dev/cdc-wdm0] opening device with flags 'version-info'...", false));
	EXPECT_FALSE(summariseQmiTrace("[/dev/cdc-wdm0] created endpoint", false));
	EXPECT_FALSE(summariseQmiTrace("", false));
	EXPECT_FALSE(summariseQmiTrace("[", false));
	// A translated header with no message name is not summarised.
	EXPECT_FALSE(summariseQmiTrace("[/dev/cdc-wdm0] sent generic request (translated)...\n", false));
}

} /* namespace */
} /* namespace zanryo */
