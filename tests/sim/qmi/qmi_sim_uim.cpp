// The UIM side of the simulated QMI modem: Read Transparent of EF_ICCID, EF_IMSI and
// EF_SPN built from the scenario's [sim] table (qmi-service-uim.json, message 0x0020:
// in 0x01 session, 0x02 {u16 file id, u8 n, path}, 0x03 {u16 offset, u16 length};
// out 0x10 {u8 SW1, u8 SW2}, 0x11 {u16 n, bytes}).
#include <fmt/format.h>

#include "../sim_log.hpp"
#include "libmodem/codec/gsm7.hpp"
#include "libmodem/codec/text.hpp"
#include "qmi_sim_device.hpp"

namespace zanryo::sim::qmi {

namespace {

constexpr std::uint16_t kUimReadTransparent = 0x0020;

/// Digits as swapped BCD (TS 102 221 §13.2), padded with F to \a size bytes.
std::vector<std::uint8_t> swappedBcd(std::string_view digits, std::size_t size)
{
	std::vector<std::uint8_t> out(size, 0xFF);
	for (std::size_t i = 0; i < digits.size() && i / 2 < size; ++i) {
		auto d = static_cast<std::uint8_t>(digits[i] - '0');
		out[i / 2] = (i % 2 == 0) ? static_cast<std::uint8_t>((out[i / 2] & 0xF0) | d)
					  : static_cast<std::uint8_t>((out[i / 2] & 0x0F) | (d << 4));
	}
	return out;
}

/// EF_IMSI (TS 31.102 §4.2.2): length 8, parity nibble (9 odd, 1 even) with digit 1,
/// then the other digits swapped.
std::vector<std::uint8_t> efImsi(std::string_view imsi)
{
	std::string nibbles = std::string(1, imsi.size() % 2 ? '9' : '1') + std::string(imsi);
	std::vector<std::uint8_t> out{ 0x08 };
	auto bcd = swappedBcd(nibbles, 8);
	out.insert(out.end(), bcd.begin(), bcd.end());
	return out;
}

/// EF_SPN (TS 31.102 §4.2.12): display condition 01, the name in the SMS default
/// alphabet (UCS-2 form 0x80 when it has no GSM form), 0xFF padding to 16 bytes.
std::vector<std::uint8_t> efSpn(std::string_view spn)
{
	std::vector<std::uint8_t> out{ 0x01 };
	auto gsm = utf8ToGsm7(spn);
	if (gsm) {
		out.insert(out.end(), gsm->begin(), gsm->end());
	} else {
		out.push_back(0x80);
		auto be = utf8ToUtf16be(spn);
		if (be)
			out.insert(out.end(), be->begin(), be->end());
	}
	out.resize(17, 0xFF);
	return out;
}

} /* namespace */

void QmiSimDevice::handleUim(const Message &m)
{
	if (m.id != kUimReadTransparent)
		return reply(m, {}, protocolErrorByName("InvalidQmiCommand").value());
	auto fileId = readLe(m.find(0x02), 0, 2);
	if (!fileId || !m.find(0x01) || !m.find(0x03))
		return reply(m, {}, protocolErrorByName("MissingArgument").value());
	std::vector<std::uint8_t> data;
	switch (*fileId) {
	case 0x2FE2:
		data = swappedBcd(scenario_.iccid, 10);
		break;
	case 0x6F07:
		data = efImsi(scenario_.imsi);
		break;
	case 0x6F46:
		if (!scenario_.spn.empty())
			data = efSpn(scenario_.spn);
		break;
	default:
		break;
	}
	logLine("uim", fmt::format("read transparent 0x{:04X}: {}", *fileId, data.empty() ? "not found" : hexEncode(data)));
	if (data.empty())
		// TS 102 221 §10.2.1.5: 6A 82, file not found.
		return reply(m, { Tlv{ 0x10, TlvValue().u8(0x6A).u8(0x82).take() } },
			     protocolErrorByName("SimFileNotFound").value());
	reply(m, { Tlv{ 0x10, TlvValue().u8(0x90).u8(0x00).take() },
		   Tlv{ 0x11, TlvValue().u16(static_cast<std::uint16_t>(data.size())).bytes(data).take() } });
}

} /* namespace zanryo::sim::qmi */
