// The WDS side of the simulated QMI modem: Get Packet Statistics with counters the
// control socket sets and advances (qmi-service-wds.json, message 0x0024).
#include <cstdio>
#include <fmt/format.h>

#include "qmi_sim_device.hpp"

namespace zanryo::sim::qmi {

namespace {

// in 0x01 u32 mask (QmiWdsPacketStatisticsMaskFlag); out 0x10 u32 Tx packets OK,
// 0x11 u32 Rx packets OK, 0x19 u64 Tx bytes OK, 0x1A u64 Rx bytes OK.
constexpr std::uint16_t kWdsGetPacketStatistics = 0x0024;
constexpr std::uint32_t kMaskTxPacketsOk = 1u << 0;
constexpr std::uint32_t kMaskRxPacketsOk = 1u << 1;
constexpr std::uint32_t kMaskTxBytesOk = 1u << 6;
constexpr std::uint32_t kMaskRxBytesOk = 1u << 7;

/// Up to four unsigned numbers separated by blanks; how many were read.
int readCounters(std::string_view text, unsigned long long v[4])
{
	return std::sscanf(std::string(text).c_str(), "%llu %llu %llu %llu", &v[0], &v[1], &v[2],
			   &v[3]);
}

} /* namespace */

void QmiSimDevice::handleWds(const Message &m)
{
	if (m.id != kWdsGetPacketStatistics)
		return reply(m, {}, protocolErrorByName("InvalidQmiCommand").value());
	auto mask = readLe(m.find(0x01), 0, 4);
	if (!mask)
		return reply(m, {}, protocolErrorByName("MissingArgument").value());
	// No data call, no counters: what Qualcomm firmwares answer (OutOfCall).
	if (!dataCall_)
		return reply(m, {}, protocolErrorByName("OutOfCall").value());
	std::vector<Tlv> tlvs;
	if (*mask & kMaskTxPacketsOk)
		tlvs.push_back(
			Tlv{ 0x10, TlvValue().u32(static_cast<std::uint32_t>(txPackets_)).take() });
	if (*mask & kMaskRxPacketsOk)
		tlvs.push_back(
			Tlv{ 0x11, TlvValue().u32(static_cast<std::uint32_t>(rxPackets_)).take() });
	if (*mask & kMaskTxBytesOk)
		tlvs.push_back(Tlv{ 0x19, TlvValue().u64(txBytes_).take() });
	if (*mask & kMaskRxBytesOk)
		tlvs.push_back(Tlv{ 0x1A, TlvValue().u64(rxBytes_).take() });
	reply(m, std::move(tlvs));
}

std::string QmiSimDevice::wdsControl(std::string_view word, std::string_view rest, bool *handled)
{
	*handled = true;
	unsigned long long v[4] = { 0, 0, 0, 0 };
	if (word == "wds-counters" || word == "wds-advance") {
		// wds-counters TXB RXB [TXP RXP]: set; wds-advance TXB RXB [TXP RXP]: add.
		int n = readCounters(rest, v);
		if (n != 2 && n != 4)
			return fmt::format(
				"error: usage: {} TX_BYTES RX_BYTES [TX_PACKETS RX_PACKETS]", word);
		if (word == "wds-counters")
			txBytes_ = rxBytes_ = txPackets_ = rxPackets_ = 0;
		txBytes_ += v[0];
		rxBytes_ += v[1];
		txPackets_ += v[2];
		rxPackets_ += v[3];
		return "ok";
	}
	if (word == "data-call") {
		if (rest != "on" && rest != "off")
			return "error: expected on or off";
		dataCall_ = rest == "on";
		if (!dataCall_)
			txBytes_ = rxBytes_ = txPackets_ = rxPackets_ = 0;
		return "ok";
	}
	*handled = false;
	return {};
}

} /* namespace zanryo::sim::qmi */
