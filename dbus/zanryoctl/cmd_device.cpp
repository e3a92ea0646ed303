// Direct mode: zanryoctl --device PATH talks to a modem itself, without the daemon: its
// AT port (AtModem) or its QMI port (QmiModem, from the module zanryo-qmi.so), chosen as
// zanryod chooses them (libmodem/backend/device_kind.hpp). One process per call; a USSD
// menu is walked within one call with --then.
// Without --device, ussd, ussd-respond and ussd-cancel go through zanryod instead
// (cmd_client.cpp), where the session stays open between calls.

#include "commands.hpp"

#ifdef ZANRYO_MODEM_AVAILABLE

#include <chrono>
#include <memory>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>  // before Boost 1.74 awaitable.hpp, which uses std::exchange
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "libmodem/backend/at_modem.hpp"
#include "libmodem/backend/device_kind.hpp"
#include "libmodem/backend/qmi_module.hpp"
#include "libmodem/log/log.hpp"

namespace zanryo::ctl {

namespace {

namespace asio = boost::asio;
using Json = nlohmann::ordered_json;

struct DeviceOptions {
	std::string device;
	double timeoutSeconds = 30;
	/// --trace: "masked" or "unmasked"; empty: no trace.
	std::string trace;
};

/// --trace: the dialogue on stderr as "PORT: 12:34:56.789 --> AT+CIMI", so stdout (the
/// reply, the JSON) stays what a script reads; other records as libmodem writes them.
void traceSink(const log::Record &r)
{
	if (r.level != log::Level::Trace) {
		log::stderrSink(r);
		return;
	}
	std::string line = log::formatRecord(r);
	line.push_back('\n');
	std::fwrite(line.data(), 1, line.size(), stderr);
	std::fflush(stderr);
}

DeviceOptions &deviceOptions()
{
	static DeviceOptions options;
	return options;
}

std::chrono::milliseconds timeoutOf(double seconds)
{
	return std::chrono::milliseconds(static_cast<long long>(std::llround(seconds * 1000)));
}

[[noreturn]] void fail(const Error &e)
{
	throw CommandError(1, e.message());
}

/// The backend --device names: "at:PATH" and "qmi:PATH" force one, a plain path is QMI
/// when sysfs says so and AT otherwise, as in zanryod.
std::shared_ptr<Modem> makeDirectModem(asio::io_context &io, const std::string &device)
{
	auto spec = parseDeviceSpec(device);
	if (!spec)
		throw CommandError(2, spec.error().message());
	const std::string &path = spec->path;
	switch (controlPortOf(*spec)) {
	case ControlPort::Qmi:
#ifdef ZANRYO_HAVE_QMI
	{
		// Direct mode deletes nothing it was not asked to (sms wait --delete).
		QmiModemOptions options;
		options.traceName = path;
		options.trace = !deviceOptions().trace.empty();
		auto made = makeQmiModemFromModule(io.get_executor(), path, options);
		if (!made)
			throw CommandError(1, made.error().message());
		return std::shared_ptr<Modem>(std::move(made).value());
	}
#else
		throw CommandError(1, fmt::format("{} is a QMI port, but zanryoctl was built without QMI "
						  "(-DZANRYO_WITH_QMI=OFF); use the modem's AT port",
						  path));
#endif
	case ControlPort::Mbim:
		throw CommandError(1, fmt::format("{} is an MBIM port, which zanryoctl cannot use yet; give the "
						  "modem's AT port or its QMI port (qmi:PATH)",
						  path));
	case ControlPort::At:
		break;
	}
	AtModemOptions mo;
	mo.channel.reopen = false;  // one call, one port: a vanished device is an error
	mo.channel.trace = !deviceOptions().trace.empty();
	mo.channel.traceName = path;
	return AtModem::create(io.get_executor(), path, mo);
}

/// Open the modem named by --device, run \a body on it, close it. Runtime errors leave
/// with exit code 1 and the error's message.
template<typename Body>
void withModem(Body body)
{
	const DeviceOptions &opts = deviceOptions();
	if (opts.device.empty())
		throw CommandError(2, "this command talks to a modem directly: give --device PATH");
	if (!opts.trace.empty()) {
		log::setSink(traceSink);
		log::setUnmasked(opts.trace == "unmasked");
	}
	asio::io_context io;
	std::shared_ptr<Modem> modem = makeDirectModem(io, opts.device);
	std::optional<Error> error;
	auto run = [&]() -> asio::awaitable<void> {
		auto opened = co_await modem->open();
		if (!opened) {
			error = opened.error();
			co_return;
		}
		auto r = co_await body(*modem);
		if (!r)
			error = r.error();
		co_await modem->close();
	};
	bool done = false;
	asio::co_spawn(io, run(), [&](std::exception_ptr e) {
		done = true;
		if (e)
			std::rethrow_exception(e);
	});
	while (!done && io.run_one() > 0) {
	}
	if (error)
		fail(*error);
	if (!done)
		throw CommandError(1, fmt::format("{}: the modem stopped answering before the command finished",
						  modem->devicePath()));
}

/// The identity fields every backend has; AT adds the quirk row and the TE character set
/// it picked.
Json identityJson(const ModemIdentity &id, const Modem &modem)
{
	Json out{ { "device", modem.devicePath() },
		  { "transport", std::string(modem.transport()) },
		  { "manufacturer", id.manufacturer },
		  { "model", id.model },
		  { "revision", id.revision },
		  { "imei", id.imei },
		  { "imsi", id.imsi },
		  { "iccid", id.iccid },
		  { "msisdn", id.msisdn },
		  { "spn", id.spn },
		  { "operatorMcc", id.operatorMcc },
		  { "operatorMnc", id.operatorMnc },
		  { "operatorName", id.operatorName } };
	if (const auto *at = dynamic_cast<const AtModem *>(&modem)) {
		out["quirks"] = std::string(at->quirks().device);
		out["charset"] = std::string(teCharsetName(at->teCharset()));
	}
	return out;
}

Json ussdJson(const UssdReply &r)
{
	return Json{ { "status", std::string(ussdStatusName(r.status)) },
		     { "text", r.text },
		     { "dcs", r.dcs },
		     { "raw", r.raw } };
}

Json smsJson(const SmsMessage &m)
{
	return Json{ { "sender", m.sender },
		     { "text", m.text },
		     { "timestamp", m.timestamp },
		     { "parts", m.partsReceived },
		     { "total", m.partsTotal },
		     { "complete", m.complete },
		     { "storage", m.storageIndexes } };
}

/// A reply that ends the exchange without an answer to show is a failure (exit 1).
std::optional<std::string> ussdFailure(const UssdReply &r)
{
	switch (r.status) {
	case UssdStatus::Done:
	case UssdStatus::ActionRequired:
		return std::nullopt;
	case UssdStatus::Terminated:
		if (!r.text.empty())
			return std::nullopt;
		return "network ended the USSD session (+CUSD: 2)";
	case UssdStatus::OtherClient:
		return "another client on the modem answered the USSD session (+CUSD: 3)";
	case UssdStatus::NotSupported:
		return "network answered +CUSD: 4 (operation not supported)";
	case UssdStatus::Timeout:
		return "network timed out the USSD session (+CUSD: 5)";
	}
	return std::nullopt;
}

void printUssd(const UssdReply &r, bool json)
{
	if (json)
		fmt::print("{}\n", ussdJson(r).dump(2));
	else
		fmt::print("{}\n", r.text);
}

} /* namespace */

void addDeviceCommands(CLI::App &app)
{
	DeviceOptions &opts = deviceOptions();
	app.add_option("--device", opts.device,
		       "talk to this modem directly, without zanryod: an AT port (/dev/ttyUSB2) or a QMI "
		       "port (/dev/cdc-wdm0); at:PATH or qmi:PATH forces the backend");
	app.add_option("--timeout", opts.timeoutSeconds,
		       "seconds to wait for the network's answer (default 30)")
		->check(CLI::PositiveNumber);
	app.add_flag("--trace{masked}", opts.trace,
		     "with --device: print the dialogue with the modem (AT lines) on stderr, IMSI, ICCID, "
		     "IMEI and phone numbers masked; --trace=unmasked shows them")
		->check(CLI::IsMember({ "masked", "unmasked" }));

	// info
	auto *info = app.add_subcommand("info", "modem and SIM identity as JSON (--device)");
	info->callback([] {
		withModem([](Modem &modem) -> asio::awaitable<Result<void>> {
			auto id = co_await modem.identity();
			if (!id)
				co_return id.error();
			fmt::print("{}\n", identityJson(*id, modem).dump(2));
			co_return Result<void>{};
		});
	});

	// --bus and --modem pick zanryod and one of its modems when there is no --device.
	static DaemonTarget target;
	auto daemonOptions = [](CLI::App *sub) {
		sub->add_option("--bus", target.bus, "without --device: system, session, or a D-Bus address")
			->capture_default_str();
		sub->add_option("--modem", target.modem,
				"without --device: name, id (or its start), device or object path of a zanryod modem "
				"(default: the only one)");
	};
	auto viaDaemon = [] {
		if (!deviceOptions().device.empty() && !target.modem.empty())
			throw CommandError(2, "--device talks to a modem directly and --modem to one of zanryod's: give one");
		if (deviceOptions().device.empty() && !deviceOptions().trace.empty())
			throw CommandError(2, "--trace shows the dialogue of a modem zanryoctl talks to itself: give "
					      "--device PATH (for zanryod's modems, set trace = true or run zanryod --debug)");
		return deviceOptions().device.empty();
	};

	// ussd CODE [--then ANSWER...] [--json]
	auto *ussd = app.add_subcommand("ussd", "send a USSD code and print the network's answer (zanryod, or --device)");
	static std::string code;
	static std::vector<std::string> then;
	static bool ussdAsJson = false;
	ussd->add_option("code", code, "USSD code, e.g. '*100#'")->required();
	ussd->add_option("--then", then, "answer the menu with these, in order, in the same session");
	ussd->add_flag("--json", ussdAsJson, "print the full reply with its status");
	daemonOptions(ussd);
	ussd->callback([viaDaemon] {
		if (viaDaemon())
			return daemonUssd(target, code, then, ussdAsJson, timeoutOf(deviceOptions().timeoutSeconds));
		withModem([](Modem &modem) -> asio::awaitable<Result<void>> {
			auto timeout = timeoutOf(deviceOptions().timeoutSeconds);
			auto r = co_await modem.ussdInitiate(code, timeout);
			for (std::size_t i = 0; r && i < then.size(); ++i) {
				if (r->status != UssdStatus::ActionRequired) {
					printUssd(*r, ussdAsJson);
					co_return makeError(Errc::NetworkError,
							    fmt::format("the menu ended before answer {} ('{}')",
									i + 1, then[i]));
				}
				if (!ussdAsJson)
					fmt::print("{}\n", r->text);
				r = co_await modem.ussdRespond(then[i], timeout);
			}
			if (!r)
				co_return r.error();
			if (auto failure = ussdFailure(*r)) {
				if (ussdAsJson)
					printUssd(*r, true);
				co_return makeError(Errc::NetworkError, *failure, Error::kNoOffset, r->raw);
			}
			printUssd(*r, ussdAsJson);
			co_return Result<void>{};
		});
	});

	// ussd-respond TEXT
	auto *respond = app.add_subcommand("ussd-respond",
					   "answer the USSD menu the modem still holds open (zanryod, or --device)");
	static std::string answer;
	static bool respondAsJson = false;
	respond->add_option("text", answer, "menu answer, e.g. '1'")->required();
	respond->add_flag("--json", respondAsJson, "print the full reply with its status");
	daemonOptions(respond);
	respond->callback([viaDaemon] {
		if (viaDaemon())
			return daemonUssdRespond(target, answer, respondAsJson, timeoutOf(deviceOptions().timeoutSeconds));
		withModem([](Modem &modem) -> asio::awaitable<Result<void>> {
			auto r = co_await modem.ussdRespond(answer, timeoutOf(deviceOptions().timeoutSeconds));
			if (!r)
				co_return r.error();
			if (auto failure = ussdFailure(*r))
				co_return makeError(Errc::NetworkError, *failure, Error::kNoOffset, r->raw);
			printUssd(*r, respondAsJson);
			co_return Result<void>{};
		});
	});

	// ussd-cancel
	auto *cancel = app.add_subcommand("ussd-cancel", "end the open USSD session (zanryod, or --device)");
	daemonOptions(cancel);
	cancel->callback([viaDaemon] {
		if (viaDaemon())
			return daemonUssdCancel(target);
		withModem([](Modem &modem) -> asio::awaitable<Result<void>> { co_return co_await modem.ussdCancel(); });
	});

	// sms send | list | wait
	CLI::App &sms = commandGroup(app, "sms", "send, list and wait for SMS (--device)");
	auto *send = sms.add_subcommand("send", "send an SMS");
	static std::string number, text;
	send->add_option("number", number, "destination, e.g. +819012345678 or 3080")->required();
	send->add_option("text", text, "message text (UTF-8)")->required();
	send->callback([] {
		withModem([](Modem &modem) -> asio::awaitable<Result<void>> {
			auto r = co_await modem.sendSms(number, text);
			if (!r)
				co_return r.error();
			fmt::print("{}\n", Json{ { "to", number }, { "parts", r->messageRefs.size() },
						 { "messageRefs", r->messageRefs } }
						   .dump());
			co_return Result<void>{};
		});
	});

	auto *list = sms.add_subcommand("list", "stored messages, decoded and reassembled, as JSON");
	list->callback([] {
		withModem([](Modem &modem) -> asio::awaitable<Result<void>> {
			auto r = co_await modem.listStoredSms();
			if (!r)
				co_return r.error();
			Json out = Json::array();
			for (const auto &m : *r)
				out.push_back(smsJson(m));
			fmt::print("{}\n", out.dump(2));
			co_return Result<void>{};
		});
	});

	auto *wait = sms.add_subcommand("wait", "wait for an SMS and print it, reassembled");
	static std::vector<std::string> from;
	static std::optional<double> waitSeconds;
	static bool waitAsJson = false;
	static bool waitDelete = false;
	wait->add_option("--from", from, "take only messages from this sender (repeatable)");
	wait->add_flag("--delete", waitDelete,
		       "delete the message printed from the modem's storage (nothing else is deleted)");
	wait->add_option("--timeout", waitSeconds, "seconds to wait (default: the global --timeout)")
		->check(CLI::PositiveNumber);
	wait->add_flag("--json", waitAsJson, "print sender, time stamp and parts too");
	wait->callback([] {
		withModem([](Modem &modem) -> asio::awaitable<Result<void>> {
			SmsFilter filter;
			filter.senders = from;
			auto r = co_await modem.waitSms(filter,
							timeoutOf(waitSeconds.value_or(deviceOptions().timeoutSeconds)));
			if (!r)
				co_return r.error();
			if (waitAsJson)
				fmt::print("{}\n", smsJson(*r).dump(2));
			else
				fmt::print("{}\n", r->text);
			if (waitDelete)
				co_return co_await modem.deleteStoredSms(r->storageIndexes);
			co_return Result<void>{};
		});
	});
}

} /* namespace zanryo::ctl */

#else

namespace zanryo::ctl {
void addDeviceCommands(CLI::App &) {}
} /* namespace zanryo::ctl */

#endif
