// The WMS side of the simulated QMI modem: Raw Send to the scenario's network, messages
// from the network stored (NV or UIM) and announced with the Event Report indication,
// or handed over whole ("transfer only" route); List Messages, Raw Read, Delete, Set
// Routes, Set Event Report. Layouts from libqmi's qmi-service-wms.json.
#include <cstdio>
#include <fmt/format.h>

#include "../sim_log.hpp"
#include "libmodem/codec/sms_pdu.hpp"
#include "libmodem/codec/text.hpp"
#include "qmi_sim_device.hpp"

namespace zanryo::sim::qmi {

namespace {

constexpr std::uint16_t kWmsSetEventReport = 0x0001; // in 0x10 u8 report new MT; indication 0x0001
constexpr std::uint16_t kWmsEventReportInd =
	0x0001; // 0x10 {u8 storage, u32 index}, 0x11 transfer route MT, 0x12 u8 mode
constexpr std::uint16_t kWmsRawSend =
	0x0020; // in 0x01 {u8 format, u16 n, n bytes}; out 0x01 u16 message id
constexpr std::uint16_t kWmsRawRead =
	0x0022; // in 0x01 {u8 storage, u32 index}; out 0x01 {u8 tag, u8 format, u16 n, bytes}
constexpr std::uint16_t kWmsDelete = 0x0024; // in 0x01 u8 storage, 0x10 u32 index, 0x11 u8 tag
constexpr std::uint16_t kWmsListMessages =
	0x0031; // in 0x01 u8 storage, 0x11 u8 tag; out 0x01 u32 n, n x {u32 index, u8 tag}
constexpr std::uint16_t kWmsSetRoutes =
	0x0032; // in 0x01 u16 n, n x {u8 type, u8 class, u8 storage, u8 action}

constexpr std::uint8_t kFormatGsmWcdma = 0x06; // QmiWmsMessageFormat GSM/WCDMA point to point
constexpr std::uint8_t kModeGsmWcdma = 0x01;   // QmiWmsMessageMode
constexpr std::uint8_t kStorageUim = 0x00;
constexpr std::uint8_t kStorageNv = 0x01;
constexpr std::uint8_t kTagMtRead = 0x00;
constexpr std::uint8_t kTagMtNotRead = 0x01;
constexpr std::uint8_t kClassNone = 0x04;
constexpr std::uint8_t kActionTransferOnly = 0x02;
constexpr std::uint8_t kActionTransferAndAck = 0x03;

} /* namespace */

void QmiSimDevice::start()
{
	network_.start();
}

void QmiSimDevice::after(std::chrono::milliseconds delay, std::function<void()> fn)
{
	schedule(static_cast<int>(delay.count()), std::move(fn));
}

void QmiSimDevice::ussdFromNetwork(int, const std::string *, const UssdNode *)
{
	// USSD over QMI is answered by the VOICE code above, not through the Network.
}

void QmiSimDevice::smsFromNetwork(std::vector<std::uint8_t> pdu, std::size_t, SmsDelivery delivery)
{
	bool transfer =
		delivery == SmsDelivery::Cmt ||
		(delivery == SmsDelivery::FollowCnmi &&
		 (routeAction_ == kActionTransferOnly || routeAction_ == kActionTransferAndAck));
	if (transfer && !wmsReporting_.empty()) {
		// Transfer Route MT Message (0x11): the message itself, nothing stored.
		for (const auto &[client, on] : wmsReporting_) {
			if (!on)
				continue;
			TlvValue v;
			v.u8(0x01 /* do not send an ack */).u32(transferId_++).u8(kFormatGsmWcdma);
			v.u16(static_cast<std::uint16_t>(pdu.size())).bytes(pdu);
			indication(kWms, client, kWmsEventReportInd,
				   { Tlv{ 0x11, v.take() },
				     Tlv{ 0x12, TlvValue().u8(kModeGsmWcdma).take() } });
		}
		logLine("wms", fmt::format("MT message transferred ({} bytes)", pdu.size()));
		return;
	}
	std::uint8_t storage = delivery == SmsDelivery::Cmti ? kStorageNv : routeStorage_;
	int capacity = storage == kStorageUim ? scenario_.smCapacity : scenario_.meCapacity;
	std::uint32_t index = 0;
	while (stored_.count({ storage, index }))
		++index;
	if (index >= static_cast<std::uint32_t>(capacity)) {
		logLine("wms", fmt::format("storage {} full: MT message dropped", storage));
		return;
	}
	stored_[{ storage, index }] = StoredSms{ kTagMtNotRead, std::move(pdu) };
	logLine("wms", fmt::format("MT message stored in {} at {}",
				   storage == kStorageUim ? "UIM" : "NV", index));
	// MT Message (0x10) to every client that asked for new-message reports.
	for (const auto &[client, on] : wmsReporting_) {
		if (on)
			indication(kWms, client, kWmsEventReportInd,
				   { Tlv{ 0x10, TlvValue().u8(storage).u32(index).take() },
				     Tlv{ 0x12, TlvValue().u8(kModeGsmWcdma).take() } });
	}
}

void QmiSimDevice::handleWms(const Message &m)
{
	switch (m.id) {
	case kWmsSetEventReport: {
		auto on = readLe(m.find(0x10), 0, 1);
		wmsReporting_[m.client] = on && *on != 0;
		return reply(m, {});
	}
	case kWmsRawSend:
		return wmsRawSend(m);
	case kWmsRawRead:
		return wmsRawRead(m);
	case kWmsDelete:
		return wmsDelete(m);
	case kWmsListMessages:
		return wmsListMessages(m);
	case kWmsSetRoutes:
		return wmsSetRoutes(m);
	default:
		return reply(m, {}, protocolErrorByName("InvalidQmiCommand").value());
	}
}

void QmiSimDevice::wmsRawSend(const Message &m)
{
	const Tlv *t = m.find(0x01);
	auto format = readLe(t, 0, 1);
	auto n = readLe(t, 1, 2);
	if (!format || !n || t->value.size() != 3 + *n)
		return reply(m, {}, protocolErrorByName("MissingArgument").value());
	if (*format != kFormatGsmWcdma)
		return reply(m, {}, protocolErrorByName("WmsEncoding").value());
	std::span<const std::uint8_t> raw(t->value.data() + 3, *n);
	auto pdu = decodeSmsPdu(raw, true);
	if (!pdu || pdu->type != SmsType::Submit) {
		logLine("wms", fmt::format("Raw Send: not an SMS-SUBMIT: {}",
					   pdu ? "wrong type" : pdu.error().message()));
		return reply(m, {}, protocolErrorByName("WmsEncoding").value());
	}
	if (sendFailure_) {
		// The network refused: error WmsCauseCode with the GSM/WCDMA cause (TLV 0x12)
		// and the delivery failure type (0x13: 0 temporary, 1 permanent).
		logLine("wms", fmt::format("Raw Send refused: RP cause {}, TP cause {}",
					   sendFailure_->first, sendFailure_->second));
		return reply(m,
			     { Tlv{ 0x12, TlvValue()
						  .u16(sendFailure_->first)
						  .u8(sendFailure_->second)
						  .take() },
			       Tlv{ 0x13, TlvValue().u8(1).take() } },
			     protocolErrorByName("WmsCauseCode").value());
	}
	++smsSent_;
	reply(m, { Tlv{ 0x01, TlvValue().u16(nextMessageId_++).take() } });
	network_.smsSubmitted(*pdu);
}

void QmiSimDevice::wmsRawRead(const Message &m)
{
	const Tlv *t = m.find(0x01);
	auto storage = readLe(t, 0, 1);
	auto index = readLe(t, 1, 4);
	if (!storage || !index)
		return reply(m, {}, protocolErrorByName("MissingArgument").value());
	auto it = stored_.find(
		{ static_cast<std::uint8_t>(*storage), static_cast<std::uint32_t>(*index) });
	if (it == stored_.end())
		return reply(m, {}, protocolErrorByName("InvalidIndex").value());
	TlvValue v;
	v.u8(it->second.tag)
		.u8(kFormatGsmWcdma)
		.u16(static_cast<std::uint16_t>(it->second.pdu.size()))
		.bytes(it->second.pdu);
	// Read once, a new message is read (TS 27.005 §3.4.3 "REC UNREAD" -> "REC READ").
	if (it->second.tag == kTagMtNotRead)
		it->second.tag = kTagMtRead;
	reply(m, { Tlv{ 0x01, v.take() } });
}

void QmiSimDevice::wmsDelete(const Message &m)
{
	auto storage = readLe(m.find(0x01), 0, 1);
	if (!storage)
		return reply(m, {}, protocolErrorByName("MissingArgument").value());
	auto index = readLe(m.find(0x10), 0, 4);
	auto tag = readLe(m.find(0x11), 0, 1);
	auto s = static_cast<std::uint8_t>(*storage);
	if (index) {
		if (!stored_.erase({ s, static_cast<std::uint32_t>(*index) }))
			return reply(m, {}, protocolErrorByName("InvalidIndex").value());
		logLine("wms", fmt::format("deleted {} {}", s, *index));
		return reply(m, {});
	}
	// No index: every message of that storage (with that tag, if given).
	std::erase_if(stored_, [&](const auto &e) {
		return e.first.first == s && (!tag || e.second.tag == *tag);
	});
	reply(m, {});
}

void QmiSimDevice::wmsListMessages(const Message &m)
{
	auto storage = readLe(m.find(0x01), 0, 1);
	auto tag = readLe(m.find(0x11), 0, 1);
	std::vector<std::pair<std::uint32_t, std::uint8_t>> list;
	for (const auto &[key, sms] : stored_)
		if ((!storage || key.first == *storage) && (!tag || sms.tag == *tag))
			list.emplace_back(key.second, sms.tag);
	TlvValue v;
	v.u32(static_cast<std::uint32_t>(list.size()));
	for (auto [index, t] : list)
		v.u32(index).u8(t);
	reply(m, { Tlv{ 0x01, v.take() } });
}

void QmiSimDevice::wmsSetRoutes(const Message &m)
{
	const Tlv *t = m.find(0x01);
	auto n = readLe(t, 0, 2);
	if (!n || t->value.size() != 2 + 4 * *n)
		return reply(m, {}, protocolErrorByName("MissingArgument").value());
	for (std::size_t i = 0; i < *n; ++i) {
		const std::uint8_t *e = t->value.data() + 2 + 4 * i;
		// The route of messages with no class (what carriers send) decides delivery.
		if (e[1] == kClassNone) {
			routeStorage_ = e[2];
			routeAction_ = e[3];
		}
	}
	routesSet_ = true;
	logLine("wms", fmt::format("routes: class none -> storage {}, action {}", routeStorage_,
				   routeAction_));
	reply(m, {});
}

std::string QmiSimDevice::wmsControl(std::string_view word, std::string_view rest, bool *handled)
{
	*handled = true;
	if (word == "wms") {
		if (rest == "on" || rest == "off") {
			wms_ = rest == "on";
			return "ok";
		}
		return "error: expected on or off";
	}
	if (word == "deliver-sms") {
		// deliver-sms FROM TEXT: a message from anyone, right now (a spoof, a notice).
		auto sp = rest.find(' ');
		if (sp == std::string_view::npos)
			return "error: usage: deliver-sms FROM TEXT";
		std::string error;
		if (!network_.deliverSms(std::string(rest.substr(0, sp)),
					 std::string(rest.substr(sp + 1)), SmsDelivery::FollowCnmi,
					 &error))
			return "error: " + error;
		return "ok";
	}
	if (word == "sms-send-fail") {
		// sms-send-fail RP TP | off: Raw Send answers WmsCauseCode with these causes.
		if (rest == "off") {
			sendFailure_.reset();
			return "ok";
		}
		unsigned rp = 0, tp = 0;
		if (std::sscanf(std::string(rest).c_str(), "%u %u", &rp, &tp) != 2 || rp > 0xFFFF ||
		    tp > 0xFF)
			return "error: usage: sms-send-fail RP TP | off";
		sendFailure_ =
			std::pair{ static_cast<std::uint16_t>(rp), static_cast<std::uint8_t>(tp) };
		return "ok";
	}
	if (word == "store-sms-hex") {
		// store-sms-hex HEX: raw bytes stored and announced as a new message, whatever
		// they are (a firmware handing over garbage).
		auto bytes = hexDecode(rest);
		if (!bytes)
			return "error: not hex: " + bytes.error().message();
		smsFromNetwork(std::move(*bytes), 0, SmsDelivery::Cmti);
		return "ok";
	}
	*handled = false;
	return {};
}

} /* namespace zanryo::sim::qmi */
