#include "qmi_wire.hpp"

#include <array>
#include <fmt/format.h>
#include <utility>

namespace zanryo::sim::qmi {

namespace {

std::uint16_t le16(std::span<const std::uint8_t> b, std::size_t at)
{
	return static_cast<std::uint16_t>(b[at] | (b[at + 1] << 8));
}

void put16(std::vector<std::uint8_t> &out, std::uint16_t v)
{
	out.push_back(static_cast<std::uint8_t>(v & 0xFF));
	out.push_back(static_cast<std::uint8_t>(v >> 8));
}

constexpr std::uint8_t kMarker = 0x01;
constexpr std::size_t kQmuxHeader = 6;  // marker + length + flags + service + client

} /* namespace */

std::string_view serviceName(std::uint8_t service)
{
	switch (service) {
	case kCtl: return "CTL";
	case kWds: return "WDS";
	case kDms: return "DMS";
	case kNas: return "NAS";
	case kWms: return "WMS";
	case kVoice: return "VOICE";
	case kUim: return "UIM";
	}
	return "unknown";
}

const Tlv *Message::find(std::uint8_t type) const
{
	for (const Tlv &t : tlvs)
		if (t.type == type)
			return &t;
	return nullptr;
}

ParseOutcome parseFrame(std::span<const std::uint8_t> bytes)
{
	ParseOutcome out;
	if (bytes.empty())
		return out;
	if (bytes[0] != kMarker) {
		std::size_t skip = 1;
		while (skip < bytes.size() && bytes[skip] != kMarker)
			++skip;
		out.kind = ParseOutcome::Kind::Garbage;
		out.consumed = skip;
		out.why = fmt::format("offset 0: {} byte(s) before a QMUX marker 0x01", skip);
		return out;
	}
	if (bytes.size() < 3)
		return out;
	std::size_t frameLen = std::size_t{ le16(bytes, 1) } + 1;
	if (frameLen < kQmuxHeader + 6) {
		out.kind = ParseOutcome::Kind::Garbage;
		out.consumed = 1;
		out.why = fmt::format("offset 1: QMUX length {} is too short for a QMI header", frameLen - 1);
		return out;
	}
	if (bytes.size() < frameLen)
		return out;
	auto frame = bytes.subspan(0, frameLen);
	Message &m = out.message;
	m.service = frame[4];
	m.client = frame[5];
	std::size_t at = kQmuxHeader;
	m.flags = frame[at++];
	if (m.service == kCtl) {
		m.transaction = frame[at++];
	} else {
		if (frameLen < kQmuxHeader + 7) {
			out.kind = ParseOutcome::Kind::Garbage;
			out.consumed = frameLen;
			out.why = "service SDU header truncated";
			return out;
		}
		m.transaction = le16(frame, at);
		at += 2;
	}
	m.id = le16(frame, at);
	std::size_t tlvLen = le16(frame, at + 2);
	at += 4;
	if (at + tlvLen != frameLen) {
		out.kind = ParseOutcome::Kind::Garbage;
		out.consumed = frameLen;
		out.why = fmt::format("offset {}: TLV length {} does not match the QMUX length {}", at - 2,
				      tlvLen, frameLen - 1);
		return out;
	}
	while (at < frameLen) {
		if (at + 3 > frameLen) {
			out.kind = ParseOutcome::Kind::Garbage;
			out.consumed = frameLen;
			out.why = fmt::format("offset {}: truncated TLV header", at);
			return out;
		}
		Tlv t;
		t.type = frame[at];
		std::size_t len = le16(frame, at + 1);
		at += 3;
		if (at + len > frameLen) {
			out.kind = ParseOutcome::Kind::Garbage;
			out.consumed = frameLen;
			out.why = fmt::format("offset {}: TLV 0x{:02x} says {} bytes, {} remain", at - 3, t.type, len,
					      frameLen - at);
			return out;
		}
		t.value.assign(frame.begin() + static_cast<std::ptrdiff_t>(at),
			       frame.begin() + static_cast<std::ptrdiff_t>(at + len));
		at += len;
		m.tlvs.push_back(std::move(t));
	}
	out.kind = ParseOutcome::Kind::Frame;
	out.consumed = frameLen;
	return out;
}

std::vector<std::uint8_t> encodeFrame(const Message &m)
{
	std::vector<std::uint8_t> tlvs;
	for (const Tlv &t : m.tlvs) {
		tlvs.push_back(t.type);
		put16(tlvs, static_cast<std::uint16_t>(t.value.size()));
		tlvs.insert(tlvs.end(), t.value.begin(), t.value.end());
	}
	std::vector<std::uint8_t> out;
	out.push_back(kMarker);
	put16(out, 0);  // patched below
	out.push_back(0x80);  // QMUX control flags: sent by the service
	out.push_back(m.service);
	out.push_back(m.client);
	out.push_back(m.flags);
	if (m.service == kCtl)
		out.push_back(static_cast<std::uint8_t>(m.transaction));
	else
		put16(out, m.transaction);
	put16(out, m.id);
	put16(out, static_cast<std::uint16_t>(tlvs.size()));
	out.insert(out.end(), tlvs.begin(), tlvs.end());
	std::uint16_t len = static_cast<std::uint16_t>(out.size() - 1);
	out[1] = static_cast<std::uint8_t>(len & 0xFF);
	out[2] = static_cast<std::uint8_t>(len >> 8);
	return out;
}

TlvValue &TlvValue::u8(std::uint8_t v)
{
	v_.push_back(v);
	return *this;
}

TlvValue &TlvValue::u16(std::uint16_t v)
{
	put16(v_, v);
	return *this;
}

TlvValue &TlvValue::u32(std::uint32_t v)
{
	for (int i = 0; i < 4; ++i)
		v_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
	return *this;
}

TlvValue &TlvValue::u64(std::uint64_t v)
{
	for (int i = 0; i < 8; ++i)
		v_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
	return *this;
}

std::optional<std::uint64_t> readLe(const Tlv *t, std::size_t offset, std::size_t size)
{
	if (!t || t->value.size() < offset + size)
		return std::nullopt;
	std::uint64_t v = 0;
	for (std::size_t i = 0; i < size; ++i)
		v |= static_cast<std::uint64_t>(t->value[offset + i]) << (8 * i);
	return v;
}

TlvValue &TlvValue::bytes(std::span<const std::uint8_t> b)
{
	v_.insert(v_.end(), b.begin(), b.end());
	return *this;
}

TlvValue &TlvValue::text(std::string_view s)
{
	v_.insert(v_.end(), s.begin(), s.end());
	return *this;
}

TlvValue &TlvValue::prefixed8(std::string_view s)
{
	std::size_t n = s.size() > 255 ? 255 : s.size();
	v_.push_back(static_cast<std::uint8_t>(n));
	v_.insert(v_.end(), s.begin(), s.begin() + static_cast<std::ptrdiff_t>(n));
	return *this;
}

Tlv resultTlv(std::uint16_t error)
{
	Tlv t;
	t.type = 0x02;
	t.value = TlvValue().u16(error == 0 ? 0 : 1).u16(error).take();
	return t;
}

std::optional<std::uint16_t> protocolErrorByName(std::string_view name)
{
	// Numbers from QmiProtocolError (libqmi qmi-errors.h), named by their nicks.
	static constexpr std::array<std::pair<std::string_view, std::uint16_t>, 23> kErrors{ {
		{ "None", 0 },
		{ "MalformedMessage", 1 },
		{ "Internal", 3 },
		{ "Aborted", 4 },
		{ "InvalidClientId", 7 },
		{ "OutOfCall", 15 },
		{ "NotProvisioned", 16 },
		{ "MissingArgument", 17 },
		{ "NoEffect", 26 },
		{ "UimUninitialized", 37 },
		{ "InvalidArgument", 48 },
		{ "InvalidIndex", 49 },
		{ "DeviceStorageFull", 51 },
		{ "DeviceNotReady", 52 },
		{ "WmsCauseCode", 54 },
		{ "WmsEncoding", 58 },
		{ "InvalidOperation", 70 },
		{ "InvalidQmiCommand", 71 },
		{ "SupsFailureCase", 92 },
		{ "SimFileNotFound", 80 },
		{ "NotSupported", 94 },
		{ "NetworkAborted", 97 },
	} };
	for (const auto &[n, v] : kErrors)
		if (n == name)
			return v;
	// A bare number is accepted as well ("94").
	unsigned value = 0;
	if (name.empty() || name.size() > 5)
		return std::nullopt;
	for (char c : name) {
		if (c < '0' || c > '9')
			return std::nullopt;
		value = value * 10 + static_cast<unsigned>(c - '0');
	}
	if (value > 0xFFFF)
		return std::nullopt;
	return static_cast<std::uint16_t>(value);
}

std::string hexDump(std::span<const std::uint8_t> bytes)
{
	std::string out;
	for (std::size_t i = 0; i < bytes.size(); ++i) {
		if (i)
			out += ' ';
		out += fmt::format("{:02x}", bytes[i]);
	}
	return out;
}

} /* namespace zanryo::sim::qmi */
