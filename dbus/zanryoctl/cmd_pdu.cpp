// zanryoctl decode pdu / encode sms / encode deliver: the SMS PDU codec from a shell.

#include <cstdio>
#include <ctime>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "libmodem/codec/sms_pdu.hpp"
#include "libmodem/codec/text.hpp"

namespace zanryo::ctl
{

namespace
{

nlohmann::ordered_json addressJson(const SmsAddress &a)
{
	return { { "number", a.number },
		 { "ton", std::string(typeOfNumberName(a.ton)) },
		 { "npi", a.npi } };
}

nlohmann::ordered_json pduJson(const SmsPdu &p)
{
	nlohmann::ordered_json j;
	j["type"] = std::string(smsTypeName(p.type));
	j["smsc"] = p.smsc ? addressJson(*p.smsc) : nlohmann::ordered_json(nullptr);
	j[p.type == SmsType::Deliver ? "sender" : "recipient"] = addressJson(p.address);
	if (p.type != SmsType::Deliver)
		j["messageRef"] = p.messageRef;
	j["timestamp"] = p.timestamp ? nlohmann::ordered_json(p.timestamp->iso8601())
				     : nlohmann::ordered_json(nullptr);
	if (p.type == SmsType::StatusReport) {
		j["dischargeTime"] = p.dischargeTime
					     ? nlohmann::ordered_json(p.dischargeTime->iso8601())
					     : nlohmann::ordered_json(nullptr);
		j["status"] = p.status ? nlohmann::ordered_json(*p.status)
				       : nlohmann::ordered_json(nullptr);
	}
	if (p.type == SmsType::Submit) {
		if (p.validityMinutes)
			j["validityMinutes"] = *p.validityMinutes;
		if (p.validityAbsolute)
			j["validityUntil"] = p.validityAbsolute->iso8601();
	}
	j["pid"] = p.pid;
	j["dcs"] = p.dcs.raw;
	j["alphabet"] = std::string(alphabetName(p.dcs.alphabet));
	j["class"] = p.dcs.messageClass ? nlohmann::ordered_json(*p.dcs.messageClass)
					: nlohmann::ordered_json(nullptr);
	if (p.dcs.compressed)
		j["compressed"] = true;
	if (p.dcs.messageWaiting) {
		static constexpr const char *kinds[] = { "voicemail", "fax", "email", "other" };
		j["messageWaiting"] = { { "kind",
					  kinds[static_cast<int>(p.dcs.messageWaiting->kind)] },
					{ "active", p.dcs.messageWaiting->active } };
	}
	j["text"] = p.text;
	// null for an intact PDU; else what was wrong and what was done (docs/sms-pdu.md).
	j["damaged"] = p.damaged.empty() ? nlohmann::ordered_json(nullptr)
					 : nlohmann::ordered_json(p.damaged);
	if (p.textUnsupported)
		j["textUnsupported"] = true;
	if (p.concat)
		j["concatenation"] = { { "ref", p.concat->ref },
				       { "total", p.concat->total },
				       { "seq", p.concat->seq } };
	else
		j["concatenation"] = nullptr;
	if (p.dcs.alphabet == Alphabet::EightBit || p.textUnsupported)
		j["userDataHex"] = hexEncode(p.userData);
	if (p.destPort || p.srcPort)
		j["ports"] = { { "destination", p.destPort.value_or(0) },
			       { "source", p.srcPort.value_or(0) } };
	if (!p.warnings.empty()) {
		auto &w = j["warnings"] = nlohmann::ordered_json::array();
		for (const Error &e : p.warnings)
			w.push_back(e.message());
	}
	return j;
}

SmsTimestamp localNow()
{
	std::time_t now = std::time(nullptr);
	std::tm tm{};
	localtime_r(&now, &tm);
	SmsTimestamp t;
	t.year = tm.tm_year + 1900;
	t.month = tm.tm_mon + 1;
	t.day = tm.tm_mday;
	t.hour = tm.tm_hour;
	t.minute = tm.tm_min;
	t.second = tm.tm_sec > 59 ? 59 : tm.tm_sec;
	t.tzQuarterHours = static_cast<int>(tm.tm_gmtoff / 900);
	return t;
}

[[noreturn]] void fail(const Error &e)
{
	throw CommandError(2, e.message());
}

void printParts(const std::vector<EncodedPdu> &parts)
{
	for (const EncodedPdu &p : parts)
		std::cout << p.hex() << '\n';
}

} /* namespace */

void addPduCommands(CLI::App &app)
{
	CLI::App &decode = commandGroup(app, "decode", "Decode modem and network data offline");
	CLI::App &encode = commandGroup(app, "encode", "Encode SMS PDUs offline");

	// decode pdu HEX [--smsc|--no-smsc]
	{
		auto *cmd = decode.add_subcommand(
			"pdu", "Decode an SMS PDU (as AT+CMGR / AT+CMGL / +CMT show it) to JSON");
		auto hex = std::make_shared<std::string>();
		auto hasSmsc = std::make_shared<bool>(true);
		cmd->add_option("HEX", *hex, "the PDU in hex")->required();
		cmd->add_flag(
			"--smsc,!--no-smsc", *hasSmsc,
			"the PDU starts with the SMSC address (default: yes, as AT+CMGR shows it)");
		cmd->callback([hex, hasSmsc] {
			auto pdu = decodeSmsPduHex(*hex, *hasSmsc);
			if (!pdu)
				fail(pdu.error());
			std::cout << pduJson(*pdu).dump(
					     2, ' ', false,
					     nlohmann::ordered_json::error_handler_t::replace)
				  << '\n';
		});
	}

	// encode sms --to NUMBER TEXT
	{
		auto *cmd = encode.add_subcommand(
			"sms", "Encode SMS-SUBMIT PDU(s) for AT+CMGS, one hex line per part");
		struct Args {
			std::string to, text;
			SubmitOptions options;
			int validity = 0;
			int ref = 0;
		};
		auto a = std::make_shared<Args>();
		cmd->add_option("--to", a->to, "recipient number (+E.164 or national)")->required();
		cmd->add_option("TEXT", a->text, "message text (UTF-8)")->required();
		cmd->add_flag("--status-report", a->options.statusReport,
			      "request a status report");
		cmd->add_option("--validity", a->validity, "validity period in minutes");
		cmd->add_option("--ref", a->ref, "concatenation reference (0..65535)")
			->check(CLI::Range(0, 65535));
		cmd->add_flag("!--no-smsc-byte", a->options.includeSmscByte,
			      "omit the leading 00 SMSC octet");
		cmd->callback([a] {
			if (a->validity != 0)
				a->options.validityMinutes = a->validity;
			a->options.concatRef = static_cast<std::uint16_t>(a->ref);
			auto parts = encodeSmsSubmit(a->to, a->text, a->options);
			if (!parts)
				fail(parts.error());
			printParts(*parts);
		});
	}

	// encode deliver --from ADDR [--at ISO-TIME] TEXT
	{
		auto *cmd =
			encode.add_subcommand("deliver", "Encode SMS-DELIVER PDU(s) as a modem "
							 "receives them, one hex line per part");
		struct Args {
			std::string from, at, text, smsc, alphabet;
			int messageClass = -1;
			int ref = 0;
		};
		auto a = std::make_shared<Args>();
		cmd->add_option("--from", a->from, "sender: number or alphanumeric name")
			->required();
		cmd->add_option(
			"--at", a->at,
			"service centre time, e.g. 2026-11-22T09:15:00+09:00 (default: now)");
		cmd->add_option("TEXT", a->text, "message text (UTF-8)")->required();
		cmd->add_option("--smsc", a->smsc,
				"SMSC number to put in front (default: none, 00)");
		cmd->add_option("--alphabet", a->alphabet,
				"force gsm7, ucs2 or 8bit (default: automatic)")
			->check(CLI::IsMember({ "gsm7", "ucs2", "8bit" }));
		cmd->add_option("--class", a->messageClass, "message class 0..3")
			->check(CLI::Range(0, 3));
		cmd->add_option("--ref", a->ref, "concatenation reference (0..65535)")
			->check(CLI::Range(0, 65535));
		cmd->callback([a] {
			SmsTimestamp when = localNow();
			if (!a->at.empty()) {
				auto t = parseIso8601Timestamp(a->at);
				if (!t)
					fail(t.error());
				when = *t;
			}
			DeliverOptions o;
			if (!a->smsc.empty()) {
				auto s = parseSmsAddress(a->smsc);
				if (!s || s->ton == TypeOfNumber::Alphanumeric)
					throw CommandError(2, "--smsc: '" + a->smsc +
								      "' is not a phone number");
				o.smsc = *s;
			}
			if (a->alphabet == "gsm7")
				o.alphabet = Alphabet::Gsm7;
			else if (a->alphabet == "ucs2")
				o.alphabet = Alphabet::Ucs2;
			else if (a->alphabet == "8bit")
				o.alphabet = Alphabet::EightBit;
			if (a->messageClass >= 0)
				o.messageClass = a->messageClass;
			o.concatRef = static_cast<std::uint16_t>(a->ref);
			auto parts = encodeSmsDeliver(a->from, a->text, when, o);
			if (!parts)
				fail(parts.error());
			printParts(*parts);
		});
	}
}

} /* namespace zanryo::ctl */
