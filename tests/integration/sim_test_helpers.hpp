#pragma once
// Helpers shared by the sim_*_test.cpp programs (header-only: each test file is its own program).

#include <gtest/gtest.h>
#include <memory>
#include <regex>
#include <string>

#include "libmodem/codec/gsm7.hpp"
#include "libmodem/codec/sms_pdu.hpp"
#include "libmodem/codec/text.hpp"
#include "support/pty_client.hpp"
#include "support/sim_modem.hpp"

namespace zanryo::test {

using namespace std::chrono_literals;

/// A simulator and a raw AT client on its link, echo switched off.
struct SimSession {
	std::unique_ptr<SimModem> sim;
	std::unique_ptr<PtyClient> at;

	explicit SimSession(const std::string &scenario, bool echoOff = true)
		: sim(std::make_unique<SimModem>(scenario)), at(std::make_unique<PtyClient>(sim->link()))
	{
		if (echoOff)
			at->command("ATE0");
	}

	/// The response to \a line, or "<timeout>".
	std::string cmd(const std::string &line, Clock::duration timeout = 3s)
	{
		return at->command(line, timeout).value_or("<timeout>");
	}

	/// The next URC matching \a re, or "<timeout>".
	std::string waitFor(const std::string &re, Clock::duration timeout = 5s)
	{
		return at->readUntil(std::regex(re), within(timeout)).value_or("<timeout>");
	}
};

/// A +CUSD: URC taken apart.
struct Cusd {
	int status = -1;
	std::string str;
	int dcs = -1;
	bool hasText = false;
};

inline const char *kCusdRegex = R"(\+CUSD: \d(,"[^"]*",\d+)?\r\n)";

inline Cusd parseCusd(const std::string &text)
{
	static const std::regex re(R"re(\+CUSD: (\d)(?:,"([^"]*)",(\d+))?)re");
	std::smatch m;
	Cusd c;
	if (std::regex_search(text, m, re)) {
		c.status = std::stoi(m[1]);
		c.hasText = m[2].matched;
		c.str = m[2];
		if (m[3].matched)
			c.dcs = std::stoi(m[3]);
	}
	return c;
}

inline std::string ucs2HexToUtf8(const std::string &hex)
{
	auto bytes = hexDecode(hex);
	return bytes ? utf16beToUtf8(*bytes) : "<bad hex>";
}

inline std::string utf8ToUcs2Hex(const std::string &text)
{
	auto bytes = utf8ToUtf16be(text);
	return bytes ? hexEncode(*bytes) : "";
}

/// Send one SMS in PDU mode with the prompt dance; returns the final response.
inline std::string sendSms(SimSession &s, const std::string &to, const std::string &text)
{
	auto pdus = encodeSmsSubmit(to, text, SubmitOptions{});
	if (!pdus)
		return "<encode failed: " + pdus.error().message() + ">";
	std::string last;
	for (const EncodedPdu &p : *pdus) {
		std::string prompt = s.cmd("AT+CMGS=" + std::to_string(p.tpduLength));
		if (prompt.find("> ") == std::string::npos)
			return prompt;
		s.at->send(p.hex() + "\x1A");
		last = s.at->readUntil(finalResultRegex(), within(5s)).value_or("<timeout>");
	}
	return last;
}

/// The PDU lines of a +CMGR / +CMGL / +CMT response, decoded.
inline std::vector<SmsPdu> pdusIn(const std::string &response)
{
	static const std::regex re(R"((\+CMGR: [^\r]*|\+CMGL: [^\r]*|\+CMT: [^\r]*)\r\n([0-9A-F]+)\r\n)");
	std::vector<SmsPdu> out;
	for (auto it = std::sregex_iterator(response.begin(), response.end(), re); it != std::sregex_iterator(); ++it) {
		auto pdu = decodeSmsPduHex((*it)[2].str(), true);
		if (pdu)
			out.push_back(std::move(*pdu));
	}
	return out;
}

} /* namespace zanryo::test */
