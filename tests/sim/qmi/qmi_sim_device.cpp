#include "qmi_sim_device.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "../sim_log.hpp"
#include "libmodem/codec/text.hpp"

namespace zanryo::sim::qmi {

namespace {

// Message ids and TLV numbers below come from libqmi's data files (qmi-service-ctl.json,
// qmi-service-dms.json, qmi-service-nas.json, qmi-service-voice.json), the same facts
// libqmi-glib 1.32 encodes with.

// CTL (qmi-service-ctl.json)
constexpr std::uint16_t kCtlGetVersionInfo = 0x0021;  // out 0x01: u8 n, n x {u8 service, u16 major, u16 minor}
constexpr std::uint16_t kCtlAllocateCid = 0x0022;     // in 0x01: u8 service; out 0x01: {u8 service, u8 cid}
constexpr std::uint16_t kCtlReleaseCid = 0x0023;      // in/out 0x01: {u8 service, u8 cid}
constexpr std::uint16_t kCtlSync = 0x0027;

// DMS (qmi-service-dms.json): every answer below is one string TLV 0x01 with no length
// prefix (a string that is a whole TLV has none: qmi-codegen VariableString.py).
constexpr std::uint16_t kDmsGetManufacturer = 0x0021;
constexpr std::uint16_t kDmsGetModel = 0x0022;
constexpr std::uint16_t kDmsGetRevision = 0x0023;
constexpr std::uint16_t kDmsGetMsisdn = 0x0024;
constexpr std::uint16_t kDmsGetIds = 0x0025;  // out 0x10 ESN, 0x11 IMEI, 0x12 MEID
constexpr std::uint16_t kDmsUimGetIccid = 0x003C;
constexpr std::uint16_t kDmsUimGetImsi = 0x0043;

// NAS (qmi-service-nas.json)
constexpr std::uint16_t kNasGetServingSystem = 0x0024;  // out 0x01 serving system, 0x12 current PLMN, 0x29 MNC PCS digit

// VOICE (qmi-service-voice.json, since libqmi 1.26)
constexpr std::uint16_t kVoiceIndicationRegister = 0x0003;
constexpr std::uint16_t kVoiceOriginateUssd = 0x003A;  // in 0x01 USS data; out 0x10 failure cause, 0x12 USS data, 0x16 UTF-16
constexpr std::uint16_t kVoiceAnswerUssd = 0x003B;     // in 0x01 USS data
constexpr std::uint16_t kVoiceCancelUssd = 0x003C;
constexpr std::uint16_t kVoiceReleaseUssdInd = 0x003D;  // indication, no TLVs
constexpr std::uint16_t kVoiceUssdInd = 0x003E;         // 0x01 user action, 0x10 USS data, 0x11 UTF-16

// QmiVoiceUssDataCodingScheme (qmi-enums-voice.h)
constexpr std::uint8_t kUssAscii = 0x01;
constexpr std::uint8_t kUssUcs2 = 0x03;
// QmiVoiceUserAction
constexpr std::uint8_t kUserActionNotRequired = 0x01;
constexpr std::uint8_t kUserActionRequired = 0x02;

// QmiProtocolError numbers used here (qmi-errors.h)
constexpr std::uint16_t kErrAborted = 4;
constexpr std::uint16_t kErrInvalidServiceType = 31;
constexpr std::uint16_t kErrInvalidOperation = 70;
constexpr std::uint16_t kErrInvalidQmiCommand = 71;
constexpr std::uint16_t kErrSupsFailureCase = 92;
constexpr std::uint16_t kErrNetworkAborted = 97;
constexpr std::uint16_t kErrOperationInProgress = 118;

bool isAscii(std::string_view s)
{
	return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string trim(std::string_view s)
{
	while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
		s.remove_prefix(1);
	while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
		s.remove_suffix(1);
	return std::string(s);
}

/// The text of a USS data TLV {u8 scheme, u8 n, n bytes} sent by the client. UCS-2
/// comes as QMI's little-endian 16-bit units.
std::optional<std::string> readUssData(const Tlv *t)
{
	if (!t || t->value.size() < 2 || t->value[1] + 2u > t->value.size())
		return std::nullopt;
	std::span<const std::uint8_t> data(t->value.data() + 2, t->value[1]);
	if (t->value[0] == kUssUcs2) {
		std::vector<std::uint8_t> be(data.begin(), data.end());
		for (std::size_t i = 0; i + 1 < be.size(); i += 2)
			std::swap(be[i], be[i + 1]);
		return utf16beToUtf8(be);
	}
	return std::string(data.begin(), data.end());
}

std::uint16_t parseNumber(std::string_view s, bool *ok)
{
	unsigned v = 0;
	int base = 10;
	if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s.remove_prefix(2);
	}
	*ok = !s.empty() && s.size() <= 5;
	for (char c : s) {
		int d = (c >= '0' && c <= '9') ? c - '0'
			: (base == 16 && c >= 'a' && c <= 'f') ? c - 'a' + 10
			: (base == 16 && c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
		if (d < 0) {
			*ok = false;
			return 0;
		}
		v = v * static_cast<unsigned>(base) + static_cast<unsigned>(d);
	}
	if (v > 0xFFFF)
		*ok = false;
	return static_cast<std::uint16_t>(v);
}

std::optional<std::uint8_t> serviceByName(std::string_view s)
{
	for (std::uint8_t sv : { kCtl, kWds, kDms, kNas, kWms, kVoice, kUim }) {
		std::string name(serviceName(sv));
		if (name.size() == s.size() &&
		    std::equal(s.begin(), s.end(), name.begin(), [](char a, char b) { return std::toupper(a) == b; }))
			return sv;
	}
	return std::nullopt;
}

/// The USSD refusal a scenario's +CUSD status stands for: 2 (terminated by the network)
/// is NetworkAborted, anything else (4, not supported) a SUPS failure.
std::uint16_t refusalFor(int cusdStatus)
{
	return cusdStatus == 2 ? kErrNetworkAborted : kErrSupsFailureCase;
}

} /* namespace */

QmiSimDevice::QmiSimDevice(Scenario scenario)
	: scenario_(std::move(scenario)), network_(scenario_, scenario_.faults, *this, *this)
{
	// The scenario's faults, read the QMI way: hang drops every request; a +CME error on
	// +CUSD is a VOICE service that refuses USSD; a forced +CUSD status is a one-shot
	// network refusal.
	hung_ = scenario_.faults.hang;
	for (const CmeFault &f : scenario_.faults.cmeErrors) {
		std::string p = f.prefix;
		std::transform(p.begin(), p.end(), p.begin(), [](unsigned char c) { return std::toupper(c); });
		// The SIM's IMSI and ICCID refused on AT: the DMS UIM messages refused on QMI.
		if (p.find("CIMI") != std::string::npos)
			errors_[{ kDms, kDmsUimGetImsi }] = protocolErrorByName("NotSupported").value();
		if (p.find("CCID") != std::string::npos)
			errors_[{ kDms, kDmsUimGetIccid }] = protocolErrorByName("NotSupported").value();
		if (p.find("CUSD") != std::string::npos) {
			errors_[{ kVoice, kVoiceOriginateUssd }] = protocolErrorByName("NotSupported").value();
			errors_[{ kVoice, kVoiceAnswerUssd }] = protocolErrorByName("NotSupported").value();
		}
	}
	if (scenario_.faults.cusdStatus)
		nextUssdError_ = refusalFor(*scenario_.faults.cusdStatus);
}

bool QmiSimDevice::serviceAvailable(std::uint8_t service) const
{
	switch (service) {
	case kCtl:
	case kDms:
	case kNas:
		return true;
	case kVoice:
		return voice_;
	case kWms:
		return wms_;
	case kWds:
	case kUim:
		return true;
	default:
		return false;
	}
}

void QmiSimDevice::unplugged()
{
	session_.reset();
	clients_.clear();
	wmsReporting_.clear();
	network_.detach();
}

void QmiSimDevice::reply(const Message &request, std::vector<Tlv> tlvs, std::uint16_t error)
{
	Message r;
	r.service = request.service;
	r.client = request.client;
	r.flags = request.service == kCtl ? 0x01 : 0x02;
	r.transaction = request.transaction;
	r.id = request.id;
	r.tlvs.push_back(resultTlv(error));
	if (error == 0 || request.service != kCtl)
		for (Tlv &t : tlvs)
			r.tlvs.push_back(std::move(t));
	send(r);
}

void QmiSimDevice::indication(std::uint8_t service, std::uint8_t client, std::uint16_t id, std::vector<Tlv> tlvs)
{
	Message r;
	r.service = service;
	r.client = client;
	r.flags = service == kCtl ? 0x02 : 0x04;
	r.transaction = 0;
	r.id = id;
	r.tlvs = std::move(tlvs);
	send(r);
}

void QmiSimDevice::handle(const Message &m)
{
	++requests_;
	if (hung_) {
		++dropped_;
		logLine("qmi", fmt::format("hung: dropping {} 0x{:04x} tx {}", serviceName(m.service), m.id, m.transaction));
		return;
	}
	auto fault = errors_.find({ m.service, m.id });
	if (fault != errors_.end()) {
		logLine("qmi", fmt::format("fault: {} 0x{:04x} answers error {}", serviceName(m.service), m.id, fault->second));
		reply(m, {}, fault->second);
		return;
	}
	switch (m.service) {
	case kCtl:
		return handleCtl(m);
	case kDms:
		return handleDms(m);
	case kNas:
		return handleNas(m);
	case kVoice:
		if (voice_)
			return handleVoice(m);
		break;
	case kWms:
		if (wms_)
			return handleWms(m);
		break;
	case kWds:
		return handleWds(m);
	case kUim:
		return handleUim(m);
	default:
		break;
	}
	reply(m, {}, kErrInvalidServiceType);
}

void QmiSimDevice::handleCtl(const Message &m)
{
	switch (m.id) {
	case kCtlGetVersionInfo: {
		// Versions a Qualcomm MDM9x07 (EC25) reports: DMS 1.14, NAS 1.25, VOICE 2.1.
		std::vector<std::tuple<std::uint8_t, std::uint16_t, std::uint16_t>> list{
			{ kCtl, 1, 5 }, { kDms, 1, 14 }, { kNas, 1, 25 } };
		if (voice_)
			list.emplace_back(kVoice, 2, 1);
		if (wms_)
			list.emplace_back(kWms, 1, 10);
		list.emplace_back(kWds, 1, 67);
		list.emplace_back(kUim, 1, 46);
		TlvValue v;
		v.u8(static_cast<std::uint8_t>(list.size()));
		for (auto &[s, major, minor] : list)
			v.u8(s).u16(major).u16(minor);
		return reply(m, { Tlv{ 0x01, v.take() } });
	}
	case kCtlAllocateCid: {
		const Tlv *t = m.find(0x01);
		if (!t || t->value.size() != 1)
			return reply(m, {}, protocolErrorByName("MissingArgument").value());
		std::uint8_t service = t->value[0];
		if (!serviceAvailable(service) || service == kCtl)
			return reply(m, {}, kErrInvalidServiceType);
		std::uint8_t &next = nextCid_[service];
		if (next == 0)
			next = 1;
		std::uint8_t cid = next++;
		clients_[{ service, cid }] = true;
		logLine("qmi", fmt::format("allocated {} client {}", serviceName(service), cid));
		return reply(m, { Tlv{ 0x01, TlvValue().u8(service).u8(cid).take() } });
	}
	case kCtlReleaseCid: {
		const Tlv *t = m.find(0x01);
		if (!t || t->value.size() != 2)
			return reply(m, {}, protocolErrorByName("MissingArgument").value());
		clients_.erase({ t->value[0], t->value[1] });
		if (t->value[0] == kWms)
			wmsReporting_.erase(t->value[1]);
		if (session_ && t->value[0] == kVoice && t->value[1] == session_->client)
			endSession(false);
		logLine("qmi", fmt::format("released {} client {}", serviceName(t->value[0]), t->value[1]));
		return reply(m, { Tlv{ 0x01, t->value } });
	}
	case kCtlSync:
		// A sync releases every client id (libqmi sends it on open with
		// QMI_DEVICE_OPEN_FLAGS_SYNC, after a previous user left them allocated).
		clients_.clear();
		wmsReporting_.clear();
		if (session_)
			endSession(false);
		return reply(m, {});
	default:
		return reply(m, {}, kErrInvalidQmiCommand);
	}
}

void QmiSimDevice::handleDms(const Message &m)
{
	auto str = [&](std::string_view s) { return reply(m, { Tlv{ 0x01, TlvValue().text(s).take() } }); };
	switch (m.id) {
	case kDmsGetManufacturer:
		return str(scenario_.manufacturer);
	case kDmsGetModel:
		return str(scenario_.model);
	case kDmsGetRevision:
		return str(scenario_.revision);
	case kDmsGetMsisdn:
		if (scenario_.msisdn.empty())
			return reply(m, {}, protocolErrorByName("NotProvisioned").value());
		return str(scenario_.msisdn);
	case kDmsGetIds:
		return reply(m, { Tlv{ 0x10, TlvValue().text("0").take() },
				  Tlv{ 0x11, TlvValue().text(scenario_.imei).take() } });
	case kDmsUimGetIccid:
		return str(scenario_.iccid);
	case kDmsUimGetImsi:
		return str(scenario_.imsi);
	default:
		return reply(m, {}, kErrInvalidQmiCommand);
	}
}

void QmiSimDevice::handleNas(const Message &m)
{
	if (m.id != kNasGetServingSystem)
		return reply(m, {}, kErrInvalidQmiCommand);
	bool ok1 = false, ok2 = false;
	std::uint16_t mcc = parseNumber(scenario_.mcc, &ok1);
	std::uint16_t mnc = parseNumber(scenario_.mnc, &ok2);
	// 0x01: registered (1), CS and PS attached (1, 1), 3GPP network (2), one radio: LTE (8).
	std::vector<Tlv> tlvs{ Tlv{ 0x01, TlvValue().u8(1).u8(1).u8(1).u8(2).u8(1).u8(8).take() },
			       Tlv{ 0x12, TlvValue().u16(mcc).u16(mnc).prefixed8(scenario_.operatorName).take() } };
	// 0x29 tells a three-digit MNC ("010") from a two-digit one ("10").
	tlvs.push_back(Tlv{ 0x29, TlvValue().u16(mcc).u16(mnc).u8(scenario_.mnc.size() == 3 ? 1 : 0).take() });
	(void)ok1;
	(void)ok2;
	reply(m, std::move(tlvs));
}

std::vector<Tlv> QmiSimDevice::ussData(std::string_view text, std::uint8_t dataTlv, std::uint8_t utf16Tlv) const
{
	std::vector<Tlv> out;
	bool ucs2 = forceUcs2_ || !isAscii(text);
	auto be = utf8ToUtf16be(text);
	std::vector<std::uint8_t> units = be ? *be : std::vector<std::uint8_t>{};
	TlvValue v;
	if (ucs2) {
		// UCS-2 in QMI's own byte order (little-endian, like every QMI integer).
		std::vector<std::uint8_t> le = units;
		for (std::size_t i = 0; i + 1 < le.size(); i += 2)
			std::swap(le[i], le[i + 1]);
		if (le.size() > 254)
			le.resize(254);
		v.u8(kUssUcs2).u8(static_cast<std::uint8_t>(le.size())).bytes(le);
	} else {
		std::string_view t = text.substr(0, 255);
		v.u8(kUssAscii).u8(static_cast<std::uint8_t>(t.size())).text(t);
	}
	out.push_back(Tlv{ dataTlv, v.take() });
	if (ucs2 && utf16Tlv_) {
		// "USS Data UTF16": u8 count of 16-bit units, each little-endian.
		TlvValue u;
		std::size_t n = std::min<std::size_t>(units.size() / 2, 255);
		u.u8(static_cast<std::uint8_t>(n));
		for (std::size_t i = 0; i < n; ++i)
			u.u16(static_cast<std::uint16_t>((units[2 * i] << 8) | units[2 * i + 1]));
		out.push_back(Tlv{ utf16Tlv, u.take() });
	}
	return out;
}

void QmiSimDevice::handleVoice(const Message &m)
{
	switch (m.id) {
	case kVoiceIndicationRegister:
		return reply(m, {});
	case kVoiceOriginateUssd:
		return originate(m);
	case kVoiceAnswerUssd:
		return answer(m);
	case kVoiceCancelUssd:
		return cancel(m);
	default:
		return reply(m, {}, kErrInvalidQmiCommand);
	}
}

void QmiSimDevice::originate(const Message &m)
{
	auto code = readUssData(m.find(0x01));
	if (!code)
		return reply(m, {}, protocolErrorByName("MissingArgument").value());
	lastUssdRequest_ = *code;
	logLine("ussd", fmt::format("originate {} (client {})", *code, m.client));
	if (session_)
		return reply(m, {}, kErrOperationInProgress);
	if (nextUssdError_) {
		std::uint16_t e = *nextUssdError_;
		nextUssdError_.reset();
		return reply(m, {}, e);
	}
	const UssdRule *rule = nullptr;
	for (const UssdRule &r : scenario_.ussd)
		if (r.code == trim(*code))
			rule = &r;
	if (!rule)
		return reply(m, {}, refusalFor(scenario_.ussdUnknownStatus));
	session_ = Session{ m.client, m.transaction, nullptr, ++generation_ };
	unsigned gen = generation_;
	const UssdNode *node = &rule->reply;
	schedule(node->delayMs.value_or(scenario_.ussdDelayMs), [this, gen, node] {
		if (session_ && session_->generation == gen)
			networkAnswers(*node);
	});
}

void QmiSimDevice::networkAnswers(const UssdNode &node)
{
	Session &s = *session_;
	int status = node.effectiveStatus();
	if (status == 1) {
		s.node = &node;
		std::vector<Tlv> tlvs{ Tlv{ 0x01, TlvValue().u8(kUserActionRequired).take() } };
		for (Tlv &t : ussData(node.text, 0x10, 0x11))
			tlvs.push_back(std::move(t));
		logLine("ussd", fmt::format("menu: {}", printable(node.text)));
		return indication(kVoice, s.client, kVoiceUssdInd, std::move(tlvs));
	}
	// The network's final answer completes the Originate USSD request.
	Message req;
	req.service = kVoice;
	req.client = s.client;
	req.transaction = s.originateTransaction;
	req.id = kVoiceOriginateUssd;
	if (status == 0 || !node.text.empty()) {
		logLine("ussd", fmt::format("reply: {}", printable(node.text)));
		reply(req, ussData(node.text, 0x12, 0x16));
		endSession(status != 0);
	} else {
		logLine("ussd", fmt::format("network ends the session (status {})", status));
		reply(req, {}, refusalFor(status));
		endSession(true);
	}
}

void QmiSimDevice::answer(const Message &m)
{
	auto text = readUssData(m.find(0x01));
	if (!text)
		return reply(m, {}, protocolErrorByName("MissingArgument").value());
	if (!session_ || !session_->node)
		return reply(m, {}, kErrInvalidOperation);
	reply(m, {});
	logLine("ussd", fmt::format("answer {}", *text));
	const UssdNode *next = nullptr;
	for (const UssdNode &child : session_->node->menu)
		if (child.answer == trim(*text))
			next = &child;
	session_->node = nullptr;
	unsigned gen = session_->generation;
	schedule(next && next->delayMs ? *next->delayMs : scenario_.ussdDelayMs, [this, gen, next] {
		if (!session_ || session_->generation != gen)
			return;
		if (next)
			return networkAnswers(*next);
		// An answer the menu does not offer: the network gives up on the session.
		Message req;
		req.service = kVoice;
		req.client = session_->client;
		req.transaction = session_->originateTransaction;
		req.id = kVoiceOriginateUssd;
		reply(req, {}, kErrSupsFailureCase);
		endSession(true);
	});
}

void QmiSimDevice::cancel(const Message &m)
{
	if (!session_)
		return reply(m, {}, protocolErrorByName("NoEffect").value());
	reply(m, {});
	// The pending Originate USSD ends as aborted, then the session is released.
	Message req;
	req.service = kVoice;
	req.client = session_->client;
	req.transaction = session_->originateTransaction;
	req.id = kVoiceOriginateUssd;
	reply(req, {}, kErrAborted);
	endSession(true);
}

void QmiSimDevice::endSession(bool releaseIndication)
{
	if (!session_)
		return;
	std::uint8_t client = session_->client;
	session_.reset();
	if (releaseIndication)
		indication(kVoice, client, kVoiceReleaseUssdInd, {});
}

std::string QmiSimDevice::control(std::string_view line)
{
	std::string cmd = trim(line);
	std::string word = cmd.substr(0, cmd.find(' '));
	std::string rest = cmd.size() > word.size() ? trim(std::string_view(cmd).substr(word.size() + 1)) : "";
	auto onOff = [&](bool &flag) -> std::string {
		if (rest == "on")
			flag = true;
		else if (rest == "off")
			flag = false;
		else
			return "error: expected on or off";
		return "ok";
	};
	if (word == "hang") {
		hung_ = true;
		return "ok";
	}
	if (word == "unhang") {
		hung_ = false;
		return "ok";
	}
	if (word == "voice")
		return onOff(voice_);
	if (word == "utf16-tlv")
		return onOff(utf16Tlv_);
	if (word == "ucs2")
		return onOff(forceUcs2_);
	if (word == "ussd-fail") {
		auto e = protocolErrorByName(rest);
		if (!e)
			return "error: unknown QMI protocol error " + rest;
		nextUssdError_ = *e;
		return "ok";
	}
	if (word == "qmi-error") {
		// qmi-error SERVICE MSGID NAME|off
		std::string_view r = rest;
		auto p1 = r.find(' ');
		auto p2 = p1 == std::string_view::npos ? p1 : r.find(' ', p1 + 1);
		if (p2 == std::string_view::npos)
			return "error: usage: qmi-error SERVICE MSGID NAME|off";
		auto service = serviceByName(r.substr(0, p1));
		bool ok = false;
		std::uint16_t id = parseNumber(r.substr(p1 + 1, p2 - p1 - 1), &ok);
		std::string_view what = r.substr(p2 + 1);
		if (!service || !ok)
			return "error: unknown service or message id";
		if (what == "off") {
			errors_.erase({ *service, id });
			return "ok";
		}
		auto e = protocolErrorByName(what);
		if (!e)
			return "error: unknown QMI protocol error " + std::string(what);
		errors_[{ *service, id }] = *e;
		return "ok";
	}
	if (word == "ussd-notify") {
		// Network-initiated USSD (a notification, no answer expected) to every VOICE client.
		std::vector<Tlv> tlvs{ Tlv{ 0x01, TlvValue().u8(kUserActionNotRequired).take() } };
		for (Tlv &t : ussData(rest, 0x10, 0x11))
			tlvs.push_back(std::move(t));
		indication(kVoice, 0xFF, kVoiceUssdInd, std::move(tlvs));
		return "ok";
	}
	bool handled = false;
	std::string wmsAnswer = wmsControl(word, rest, &handled);
	if (handled)
		return wmsAnswer;
	std::string wdsAnswer = wdsControl(word, rest, &handled);
	if (handled)
		return wdsAnswer;
	if (word == "clear") {
		hung_ = false;
		voice_ = true;
		wms_ = true;
		sendFailure_.reset();
		utf16Tlv_ = true;
		forceUcs2_ = false;
		errors_.clear();
		nextUssdError_.reset();
		return "ok";
	}
	if (word == "status") {
		nlohmann::json j;
		j["hung"] = hung_;
		j["voice"] = voice_;
		j["requests"] = requests_;
		j["dropped"] = dropped_;
		j["clients"] = clients_.size();
		j["ussd"] = !session_ ? "idle" : session_->node ? "menu" : "pending";
		j["last_ussd"] = lastUssdRequest_;
		j["wms"] = wms_;
		j["sms_stored"] = stored_.size();
		j["sms_sent"] = smsSent_;
		j["sms_reporting_clients"] = wmsReporting_.size();
		j["sms_routes_set"] = routesSet_;
		j["data_call"] = dataCall_;
		j["tx_bytes"] = txBytes_;
		j["rx_bytes"] = rxBytes_;
		return j.dump();
	}
	return "error: unknown command " + word;
}

} /* namespace zanryo::sim::qmi */
