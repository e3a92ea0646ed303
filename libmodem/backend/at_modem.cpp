#include "libmodem/backend/at_modem.hpp"

// GCC 12 pairs Boost 1.74's coroutine frame operator new/delete wrongly when a frame
// holds a lambda (a false positive, gcc PR 109224); the frames are allocated and freed
// by the same awaitable_frame_base operators.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

#include <algorithm>
#include <random>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <fmt/core.h>

#include "libmodem/codec/at_parse.hpp"
#include "libmodem/codec/gsm7.hpp"
#include "libmodem/codec/sms_pdu.hpp"
#include "libmodem/codec/text.hpp"

namespace zanryo {

namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {

/// EF_SPN (TS 31.102 §4.2.12): byte 1 display condition, then the name in the SMS
/// default alphabet with bit 8 zero, or UCS-2 with the 0x80 prefix (TS 31.101 Annex A),
/// padded with 0xFF.
std::string decodeSpn(const std::vector<std::uint8_t> &ef)
{
	if (ef.size() < 2)
		return {};
	std::vector<std::uint8_t> name(ef.begin() + 1, ef.end());
	if (name.front() == 0x80) {
		std::vector<std::uint8_t> ucs(name.begin() + 1, name.end());
		while (ucs.size() >= 2 && ucs[ucs.size() - 1] == 0xFF && ucs[ucs.size() - 2] == 0xFF)
			ucs.resize(ucs.size() - 2);
		return utf16beToUtf8(ucs);
	}
	std::vector<std::uint8_t> septets;
	for (std::uint8_t b : name) {
		if (b == 0xFF)
			break;
		septets.push_back(b & 0x7F);
	}
	return gsm7ToUtf8(septets);
}

UssdStatus statusOf(int m)
{
	switch (m) {
	case 0: return UssdStatus::Done;
	case 1: return UssdStatus::ActionRequired;
	case 2: return UssdStatus::Terminated;
	case 3: return UssdStatus::OtherClient;
	case 4: return UssdStatus::NotSupported;
	default: return UssdStatus::Timeout;
	}
}

} /* namespace */

std::shared_ptr<AtModem> AtModem::create(asio::any_io_executor executor, std::string path,
					 AtModemOptions options)
{
	return std::shared_ptr<AtModem>(new AtModem(std::move(executor), std::move(path), std::move(options)));
}

AtModem::AtModem(asio::any_io_executor executor, std::string path, AtModemOptions options)
	: executor_(executor), path_(std::move(path)), options_(std::move(options)),
	  quirks_(&lookupQuirks("", "")),
	  smsStore_(options_.smsStateDir.empty() ? nullptr
						 : std::make_unique<FileSmsPartStore>(options_.smsStateDir)),
	  concatRef_(static_cast<std::uint16_t>(std::random_device{}() & 0xFF))
{
	UssdSession::Options ussd;
	ussd.staleAfter = options_.ussdStaleAfter;
	ussd.terminatedGrace = options_.ussdTerminatedGrace;
	ussd.menuIdleTimeout = options_.ussdMenuTimeout;
	UssdTransport &transport = *this;
	ussd_ = std::make_unique<UssdDriver>(executor_, transport, ussd);
	SmsInbox::Options sms;
	sms.assembly = options_.sms;
	inbox_ = std::make_unique<SmsInboxDriver>(executor_, sms, smsStore_.get(), [this](const SmsMessage &m) {
		if (handlers_.smsReceived)
			handlers_.smsReceived(m);
	});
}

AtModem::~AtModem()
{
	if (channel_)
		channel_->close();
}

void AtModem::setState(ModemState s)
{
	if (state_ == s)
		return;
	state_ = s;
	if (handlers_.stateChanged)
		handlers_.stateChanged(s);
}

asio::awaitable<Result<AtResponse>> AtModem::at(std::string line)
{
	return channel_->command(std::move(line), options_.commandTimeout);
}

asio::awaitable<Result<void>> AtModem::open()
{
	if (state_ == ModemState::Ready)
		co_return Result<void>{};
	channel_ = AtChannel::create(executor_, path_, options_.channel);
	std::weak_ptr<AtModem> weak = weak_from_this();
	channel_->setUrcHandler([weak](const AtEvent &ev) {
		if (auto self = weak.lock())
			self->onUrc(ev);
	});
	auto r = channel_->open();
	if (!r) {
		setState(r.error().code == make_error_code(Errc::DeviceGone) ? ModemState::Absent
									      : ModemState::Failed);
		co_return r.error();
	}
	channel_->setStateHandler([weak](AtChannelState s) {
		if (auto self = weak.lock())
			self->onChannelState(s);
	});
	for (const Error &w : inbox_->restore())
		(void)w;  // unreadable leftovers are dropped; nothing to show them to here
	setState(ModemState::Opening);
	auto init = co_await initialise();
	if (!init) {
		setState(init.error().code == make_error_code(Errc::NotAModem) ? ModemState::Failed
										  : ModemState::Closed);
		channel_->close();
		co_return init.error();
	}
	setState(ModemState::Ready);
	co_return Result<void>{};
}

asio::awaitable<void> AtModem::close()
{
	if (channel_)
		channel_->close();
	ussd_->closed();
	inbox_->closed();
	setState(ModemState::Closed);
	co_return;
}

asio::awaitable<Result<void>> AtModem::initialise()
{
	// V.250 §6.3.1: a bare "AT" must be answered by anything that is a modem. Two tries:
	// the first may meet a modem still echoing an SMS prompt or waking up.
	Result<AtResponse> probe = makeError(Errc::Timeout, "");
	for (int i = 0; i < 2 && !probe; ++i)
		probe = co_await channel_->command("AT", 1500ms);
	if (!probe) {
		if (probe.error().code == make_error_code(Errc::Timeout) ||
		    probe.error().code == make_error_code(Errc::ModemError))
			co_return makeError(Errc::NotAModem, fmt::format("{} does not answer AT", path_));
		co_return probe.error();
	}
	// V.250 §6.2.4: no echo; TS 27.007 §9.1: numeric +CME ERROR codes.
	(void)co_await at("ATE0");
	(void)co_await at("AT+CMEE=1");

	ModemIdentity id;
	if (auto r = co_await at("AT+CGMI"); r)
		if (auto v = parseIdentityValue(r->lines, "+CGMI"); v)
			id.manufacturer = *v;
	if (auto r = co_await at("AT+CGMM"); r)
		if (auto v = parseIdentityValue(r->lines, "+CGMM"); v)
			id.model = *v;
	quirks_ = &lookupQuirks(id.manufacturer, id.model);

	// TS 27.007 §5.5: the TE character set decides how +CUSD text is printed. The quirk
	// row's choice first, then the ones every decoder here reads.
	bool charsetSet = false;
	for (std::string_view cs : { quirks_->teCharset, std::string_view("GSM"), std::string_view("IRA"),
				     std::string_view("UCS2") }) {
		if (auto r = co_await at(fmt::format("AT+CSCS=\"{}\"", cs)); r) {
			if (auto parsed = parseTeCharset(cs); parsed)
				charset_ = *parsed;
			charsetSet = true;
			break;
		}
	}
	if (!charsetSet) {
		// Keep what the modem uses.
		if (auto r = co_await at("AT+CSCS?"); r && !r->lines.empty())
			if (auto cs = parseCscsRead(r->lines.front()); cs)
				if (auto parsed = parseTeCharset(*cs); parsed)
					charset_ = *parsed;
	}

	// TS 27.005 §3.2.3: PDU mode, the only one that carries UCS-2 multipart replies intact.
	(void)co_await at("AT+CMGF=0");
	// TS 27.005 §3.4.1: new message indications. Fall back to what older firmware takes
	// (the Cinterion MC75i accepts only <bfr> 1, gammu #1206; some refuse <ds> 2).
	for (std::string_view cnmi : { quirks_->cnmi, std::string_view("AT+CNMI=2,1,0,0,0"),
				       std::string_view("AT+CNMI=2,1,0,0,1"), std::string_view("AT+CNMI=1,1") }) {
		if (auto r = co_await at(std::string(cnmi)); r)
			break;
	}
	identity_.reset();

	if (options_.deliverStoredSms) {
		// Messages that came while nobody listened (TS 27.005 §3.4.2 <stat> 4: all).
		// They stay stored: only the reader that consumes one deletes it.
		if (auto r = co_await at("AT+CMGL=4"); r) {
			if (auto list = parseCmgl(r->lines); list) {
				for (const auto &entry : *list)
					takePart(entry.pduHex, entry.index);
			}
		}
	}
	co_return Result<void>{};
}

void AtModem::onChannelState(AtChannelState s)
{
	switch (s) {
	case AtChannelState::Reconnecting:
		if (state_ == ModemState::Closed)
			return;
		// A USSD session does not survive the modem going away.
		ussd_->modemGone();
		setState(ModemState::Gone);
		return;
	case AtChannelState::Open:
		if (state_ == ModemState::Gone)
			asio::co_spawn(executor_, reinitialise(shared_from_this()), asio::detached);
		return;
	case AtChannelState::Closed:
		return;
	}
}

asio::awaitable<void> AtModem::reinitialise(std::shared_ptr<AtModem> self)
{
	setState(ModemState::Opening);
	auto r = co_await initialise();
	if (state_ != ModemState::Opening)
		co_return;  // closed or gone again meanwhile
	setState(r ? ModemState::Ready : ModemState::Failed);
	(void)self;
}

asio::awaitable<Result<ModemIdentity>> AtModem::identity(bool refresh)
{
	if (identity_ && !refresh)
		co_return *identity_;
	if (state_ != ModemState::Ready)
		co_return makeError(Errc::DeviceGone,
				    fmt::format("{} is {}", path_, modemStateName(state_)));
	ModemIdentity id;
	auto value = [&](const Result<AtResponse> &r, std::string_view prefix) -> std::string {
		if (!r)
			return {};
		auto v = parseIdentityValue(r->lines, prefix);
		return v ? *v : std::string();
	};
	auto cgmi = co_await at("AT+CGMI");
	if (!cgmi && cgmi.error().code != make_error_code(Errc::ModemError))
		co_return cgmi.error();  // timeout or gone: no point asking the rest
	id.manufacturer = value(cgmi, "+CGMI");
	id.model = value(co_await at("AT+CGMM"), "+CGMM");
	id.revision = value(co_await at("AT+CGMR"), "+CGMR");
	if (auto r = co_await at("AT+CGSN"); r)
		if (auto v = parseImei(r->lines); v)
			id.imei = *v;
	if (auto r = co_await at("AT+CIMI"); r)
		if (auto v = parseImsi(r->lines); v)
			id.imsi = *v;
	for (std::string_view cmd : { quirks_->iccidCommand, std::string_view("AT+CCID"),
				      std::string_view("AT+ICCID") }) {
		if (auto r = co_await at(std::string(cmd)); r) {
			if (auto v = parseIccid(r->lines); v) {
				id.iccid = *v;
				break;
			}
		}
	}
	// TS 27.007 §7.1: the subscriber number, when the SIM holds it (EF_MSISDN).
	if (auto r = co_await at("AT+CNUM"); r)
		if (auto v = parseCnum(r->lines); v)
			id.msisdn = *v;
	// TS 27.007 §7.3: numeric format gives MCC/MNC, long alphanumeric the name.
	if (auto r = co_await at("AT+COPS=3,2"); r)
		if (auto q = co_await at("AT+COPS?"); q && !q->lines.empty())
			if (auto ops = parseCopsRead(q->lines.front()); ops) {
				id.operatorMcc = ops->mcc;
				id.operatorMnc = ops->mnc;
			}
	if (auto r = co_await at("AT+COPS=3,0"); r)
		if (auto q = co_await at("AT+COPS?"); q && !q->lines.empty())
			if (auto ops = parseCopsRead(q->lines.front()); ops && ops->format &&
				       *ops->format == OperatorFormat::LongAlpha)
				id.operatorName = ops->oper;
	if (quirks_->readSpnWithCrsm) {
		// TS 27.007 §8.18: READ BINARY (176) of EF_SPN (28486 = 6F46), 17 bytes.
		if (auto r = co_await at("AT+CRSM=176,28486,0,0,17"); r && !r->lines.empty()) {
			if (auto params = responseParams(r->lines.front(), "+CRSM"); params)
				if (auto p = splitAtParams(*params); p && p->size() >= 3 &&
								      (*p)[0].text == "144")
					if (auto bytes = hexDecode((*p)[2].text); bytes)
						id.spn = decodeSpn(*bytes);
		}
	}
	identity_ = id;
	co_return id;
}

/* USSD */

Result<UssdReply> AtModem::decodeCusd(std::string_view line, TeCharset charset, CusdPayloadHint hint)
{
	auto parsed = parseCusdLine(line, charset);
	if (!parsed)
		return parsed.error();
	UssdReply reply;
	reply.status = statusOf(parsed->status);
	reply.dcs = parsed->dcs.value_or(-1);
	reply.raw = std::string(line);
	reply.text = parsed->decoded.text;
	if (parsed->payload) {
		switch (hint) {
		case CusdPayloadHint::ByDcs:
			break;
		case CusdPayloadHint::PackedGsm7Hex:
			// Huawei stick firmware: packed septets in hex whatever <dcs> says, unless
			// the DCS announces UCS-2 (TS 23.038 §5, 0x48 group).
			if (auto bytes = hexDecode(*parsed->payload); bytes && reply.dcs != 72 && reply.dcs != 0x11)
				reply.text = gsm7ToUtf8(gsm7UnpackUssd(*bytes));
			break;
		case CusdPayloadHint::Ucs2Hex:
			if (auto bytes = hexDecode(*parsed->payload); bytes && bytes->size() % 2 == 0)
				reply.text = utf16beToUtf8(*bytes);
			break;
		}
	}
	return reply;
}

void AtModem::onCusd(const std::string &line)
{
	// The session decides whether this is the answer, a release held for its grace
	// window, or network-initiated (UssdSession).
	ussd_->networkReply(decodeCusd(line, charset_, quirks_->cusdPayload));
}

asio::awaitable<Result<void>> AtModem::sendUssd(std::string text, bool menuAnswer, Duration timeout)
{
	(void)menuAnswer;  // TS 27.007 §7.15: a menu answer is AT+CUSD=1 as well
	auto self = shared_from_this();
	UssdRequestEncoding enc = quirks_->ussdRequest;
	if (charset_ == TeCharset::Ucs2 && enc == UssdRequestEncoding::Plain)
		enc = UssdRequestEncoding::Ucs2Hex;  // TS 27.007 §7.15: <str> in the TE charset
	auto str = encodeUssdRequest(text, enc);
	if (!str)
		co_return str.error();
	// <dcs> 15: GSM 7-bit, language unspecified (TS 23.038 §5).
	auto sent = co_await channel_->command(fmt::format("AT+CUSD=1,\"{}\",15", *str), timeout);
	if (!sent)
		co_return sent.error();
	co_return Result<void>{};
}

asio::awaitable<Result<void>> AtModem::cancelUssd()
{
	return sendCusdCancel(shared_from_this());
}

asio::awaitable<Result<void>> AtModem::sendCusdCancel(std::shared_ptr<AtModem> self)
{
	if (state_ != ModemState::Ready)
		co_return makeError(Errc::DeviceGone, fmt::format("{} is {}", path_, modemStateName(state_)));
	auto r = co_await channel_->command("AT+CUSD=2", 3s);
	(void)self;
	if (!r)
		co_return r.error();
	co_return Result<void>{};
}

void AtModem::notifyUssd(const UssdReply &reply)
{
	if (handlers_.networkUssd)
		handlers_.networkUssd(reply);
}

asio::awaitable<Result<UssdReply>> AtModem::ussdInitiate(std::string code, Duration timeout)
{
	auto self = shared_from_this();
	if (state_ != ModemState::Ready)
		co_return makeError(Errc::DeviceGone, fmt::format("{} is {}", path_, modemStateName(state_)));
	co_return co_await ussd_->initiate(std::move(code), timeout);
}

asio::awaitable<Result<UssdReply>> AtModem::ussdRespond(std::string text, Duration timeout)
{
	// Errc::NotFound with no menu open here, as on every backend: a menu another
	// process left open is not ours to answer (zanryoctl walks menus with --then).
	auto self = shared_from_this();
	if (state_ != ModemState::Ready)
		co_return makeError(Errc::DeviceGone, fmt::format("{} is {}", path_, modemStateName(state_)));
	co_return co_await ussd_->respond(std::move(text), timeout);
}

asio::awaitable<Result<void>> AtModem::ussdCancel()
{
	auto self = shared_from_this();
	if (state_ != ModemState::Ready)
		co_return makeError(Errc::DeviceGone, fmt::format("{} is {}", path_, modemStateName(state_)));
	// A pending Initiate or Respond ends now with Errc::Cancelled. AT+CUSD=2 goes out
	// even with no session of ours: over AT another process may have left one open.
	(void)ussd_->cancel();
	co_return co_await sendCusdCancel(self);
}

/* SMS */

void AtModem::onUrc(const AtEvent &ev)
{
	if (ev.urcName == "+CUSD") {
		// AtFramer already joined a quoted text over lines. A +CUSD that still has an
		// open quote was cut short by the firmware (a final result came first): it is
		// decoded as it is (an error with the raw line), never joined with what follows,
		// which would swallow the next URC (+CMTI, RING) into the USSD text.
		onCusd(ev.line);
		return;
	}
	if (ev.urcName == "+CMTI") {
		// TS 27.005 §3.4.1: stored at <index>: read it and leave it there (the
		// reader that consumes it deletes it, deleteStoredSms()).
		auto ind = parseCmti(ev.line);
		if (ind)
			asio::co_spawn(executor_, readStoredMessage(shared_from_this(), ind->index),
				       asio::detached);
		return;
	}
	if (ev.urcName == "+CMT" && !ev.pdu.empty()) {
		// Routed directly (<mt> 2). We do not set +CSMS=1, so no +CNMA is due
		// (TS 27.005 §3.4.4).
		takePart(ev.pdu, -1);
		return;
	}
}

asio::awaitable<void> AtModem::readStoredMessage(std::shared_ptr<AtModem> self, int index)
{
	auto r = co_await at(fmt::format("AT+CMGR={}", index));
	if (!r)
		co_return;
	auto rec = parseCmgr(r->lines);
	if (!rec)
		co_return;
	takePart(rec->pduHex, index);
	(void)self;
}

asio::awaitable<Result<void>> AtModem::deleteStoredSms(std::vector<int> storageIndexes)
{
	auto self = shared_from_this();
	if (storageIndexes.empty())
		co_return Result<void>{};
	if (state_ != ModemState::Ready)
		co_return makeError(Errc::DeviceGone, fmt::format("{} is {}", path_, modemStateName(state_)));
	std::optional<Error> first;
	for (int index : storageIndexes) {
		if (index < 0)
			continue;
		auto r = co_await at(fmt::format("AT+CMGD={}", index));
		if (!r && !first)
			first = r.error();
	}
	if (first)
		co_return *first;
	co_return Result<void>{};
}

void AtModem::takePart(const std::string &pduHex, int storageIndex)
{
	auto pdu = decodeSmsPduHex(pduHex, true);
	if (!pdu || pdu->type != SmsType::Deliver)
		return;
	inbox_->take(smsPartOf(*pdu, storageIndex, std::chrono::system_clock::now()));
}

asio::awaitable<Result<SmsSendResult>> AtModem::sendSms(std::string number, std::string text)
{
	auto self = shared_from_this();
	if (state_ != ModemState::Ready)
		co_return makeError(Errc::DeviceGone, fmt::format("{} is {}", path_, modemStateName(state_)));
	SubmitOptions opts;
	opts.concatRef = ++concatRef_;
	auto pdus = encodeSmsSubmit(number, text, opts);
	if (!pdus)
		co_return pdus.error();
	SmsSendResult result;
	for (const auto &pdu : *pdus) {
		// TS 27.005 §3.5.1: <length> counts the TPDU only; the network may take a
		// while to accept it.
		auto r = co_await channel_->commandWithPayload(fmt::format("AT+CMGS={}", pdu.tpduLength),
							       pdu.hex(), 60s);
		if (!r)
			co_return r.error();
		auto mr = parseCmgs(r->lines);
		result.messageRefs.push_back(mr ? *mr : -1);
	}
	co_return result;
}

asio::awaitable<Result<std::vector<SmsMessage>>> AtModem::listStoredSms()
{
	auto self = shared_from_this();
	if (state_ != ModemState::Ready)
		co_return makeError(Errc::DeviceGone, fmt::format("{} is {}", path_, modemStateName(state_)));
	auto r = co_await at("AT+CMGL=4");
	if (!r)
		co_return r.error();
	auto list = parseCmgl(r->lines);
	if (!list)
		co_return list.error();
	SmsAssembler local({});
	std::vector<SmsMessage> out;
	auto now = std::chrono::system_clock::now();
	for (const auto &entry : *list) {
		auto pdu = decodeSmsPduHex(entry.pduHex, true);
		if (!pdu || pdu->type != SmsType::Deliver)
			continue;
		for (auto &m : local.add(smsPartOf(*pdu, entry.index, now)))
			out.push_back(std::move(m));
	}
	for (auto &m : local.expire(std::chrono::system_clock::time_point::max()))
		out.push_back(std::move(m));
	co_return out;
}

asio::awaitable<Result<SmsMessage>> AtModem::waitSms(SmsFilter filter, Duration timeout)
{
	auto self = shared_from_this();
	if (state_ == ModemState::Closed)
		co_return makeError(Errc::Cancelled, "the modem was closed");
	co_return co_await inbox_->wait(std::move(filter), timeout);
}

} /* namespace zanryo */
