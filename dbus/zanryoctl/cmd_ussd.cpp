// zanryoctl decode ussd / decode cusd: run the USSD codec on text copied from a modem log.
#include <cstdio>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "libmodem/codec/ussd.hpp"

namespace zanryo::ctl {

namespace {

TeCharset charsetOption(const std::string &name)
{
	auto charset = parseTeCharset(name);
	if (!charset.ok())
		throw CommandError(2, "--charset: " + charset.error().what);
	return *charset;
}

void printJson(const nlohmann::json &j)
{
	// UTF-8 text prints as text, not as \u escapes.
	const std::string out = j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
	std::fputs(out.c_str(), stdout);
	std::fputc('\n', stdout);
}

} /* namespace */

void addUssdCommands(CLI::App &app)
{
	CLI::App &decode = commandGroup(app, "decode", "Decode modem output without a modem");

	struct UssdOptions {
		std::optional<int> dcs;
		std::string charset = "GSM";
		std::string payload;
	};
	auto ussd = std::make_shared<UssdOptions>();
	CLI::App *ussdCmd = decode.add_subcommand(
		"ussd", "Decode a +CUSD <str> payload: plain text, UCS-2 hex, packed or unpacked GSM hex");
	ussdCmd->add_option("--dcs", ussd->dcs, "The <dcs> the modem printed (0..255)")
		->check(CLI::Range(0, 255));
	ussdCmd->add_option("--charset", ussd->charset, "+CSCS in effect: GSM, IRA, UCS2, HEX, UTF-8")
		->capture_default_str();
	ussdCmd->add_option("payload", ussd->payload, "The text between the quotes")->required();
	ussdCmd->callback([ussd] {
		const UssdText t = decodeUssdPayload(ussd->payload, ussd->dcs, charsetOption(ussd->charset));
		nlohmann::json j;
		j["text"] = t.text;
		j["alphabet"] = std::string(alphabetName(t.alphabet));
		j["decodedAs"] = t.decodedAs;
		if (!t.language.empty())
			j["language"] = t.language;
		printJson(j);
	});

	struct CusdOptions {
		std::string charset = "GSM";
		std::string line;
	};
	auto cusd = std::make_shared<CusdOptions>();
	CLI::App *cusdCmd = decode.add_subcommand("cusd", "Parse and decode a whole +CUSD: line");
	cusdCmd->add_option("--charset", cusd->charset, "+CSCS in effect: GSM, IRA, UCS2, HEX, UTF-8")
		->capture_default_str();
	cusdCmd->add_option("line", cusd->line, "The line, e.g. '+CUSD: 0,\"Balance 5\",15'")
		->required();
	cusdCmd->callback([cusd] {
		auto reply = parseCusdLine(cusd->line, charsetOption(cusd->charset));
		if (!reply.ok())
			throw CommandError(2, reply.error().message());
		nlohmann::json j;
		j["status"] = reply->status;
		j["text"] = reply->payload ? nlohmann::json(reply->decoded.text) : nlohmann::json();
		j["dcs"] = reply->dcs ? nlohmann::json(*reply->dcs) : nlohmann::json();
		j["alphabet"] = std::string(alphabetName(reply->decoded.alphabet));
		j["decodedAs"] = reply->decoded.decodedAs;
		if (!reply->decoded.language.empty())
			j["language"] = reply->decoded.language;
		printJson(j);
	});
}

} /* namespace zanryo::ctl */
