// Packet statistics over the QMI Wireless Data Service: WDS Get Packet Statistics
// (message 0x0024, libqmi 1.32 qmi-wds.h). The counters cover the modem's data bearer,
// whatever interface the host uses for it (rmnet, raw-ip wwan0, MBIM...).
#include <utility> // before Boost 1.74 awaitable.hpp, which uses std::exchange

#include <fmt/format.h>

#include "libmodem/qmi/qmi_modem_impl.hpp"

namespace zanryo {

namespace asio = boost::asio;

namespace {

// qmicli's reading of the counters: all ones means "not available" (QMI WDS spec: a
// counter the modem does not keep).
constexpr guint32 kNoCount32 = 0xFFFFFFFFu;
constexpr guint64 kNoCount64 = 0xFFFFFFFFFFFFFFFFull;

} /* namespace */

asio::awaitable<Result<PacketStats>> QmiModem::packetStats()
{
	auto impl = impl_;
	if (impl->state.load() != ModemState::Ready)
		co_return impl->notReady();
	if (!impl->wdsAvailable)
		co_return makeError(
			Errc::Unsupported,
			fmt::format("packet statistics over QMI need the WDS service: {}",
				    impl->wdsMissing));
	guint timeout = seconds(impl->options.requestTimeout);
	auto op = impl->call<PacketStats>([impl, timeout](Done<PacketStats> done) {
		auto *in = qmi_message_wds_get_packet_statistics_input_new();
		qmi_message_wds_get_packet_statistics_input_set_mask(
			in,
			static_cast<QmiWdsPacketStatisticsMaskFlag>(
				QMI_WDS_PACKET_STATISTICS_MASK_FLAG_TX_PACKETS_OK |
				QMI_WDS_PACKET_STATISTICS_MASK_FLAG_RX_PACKETS_OK |
				QMI_WDS_PACKET_STATISTICS_MASK_FLAG_TX_BYTES_OK |
				QMI_WDS_PACKET_STATISTICS_MASK_FLAG_RX_BYTES_OK),
			nullptr);
		qmi_client_wds_get_packet_statistics(
			QMI_CLIENT_WDS(impl->wds), in, timeout, impl->cancellable, onReady,
			ready([done](GObject *src, GAsyncResult *res) {
				GError *err = nullptr;
				auto *out = qmi_client_wds_get_packet_statistics_finish(
					QMI_CLIENT_WDS(src), res, &err);
				if (!out ||
				    !qmi_message_wds_get_packet_statistics_output_get_result(
					    out, &err)) {
					if (out)
						qmi_message_wds_get_packet_statistics_output_unref(
							out);
					bool outOfCall =
						err && err->domain == QMI_PROTOCOL_ERROR &&
						err->code == QMI_PROTOCOL_ERROR_OUT_OF_CALL;
					Error e = fromGError(err, "WDS Get Packet Statistics");
					if (outOfCall) {
						// Firmwares keep no counters while no data call is
						// up.
						e.code = make_error_code(Errc::NotFound);
						e.what += ": no data call is up";
					}
					return done(std::move(e));
				}
				guint64 tx = kNoCount64, rx = kNoCount64;
				guint32 txp = kNoCount32, rxp = kNoCount32;
				bool haveTx =
					qmi_message_wds_get_packet_statistics_output_get_tx_bytes_ok(
						out, &tx, nullptr) &&
					tx != kNoCount64;
				bool haveRx =
					qmi_message_wds_get_packet_statistics_output_get_rx_bytes_ok(
						out, &rx, nullptr) &&
					rx != kNoCount64;
				PacketStats stats;
				if (qmi_message_wds_get_packet_statistics_output_get_tx_packets_ok(
					    out, &txp, nullptr) &&
				    txp != kNoCount32)
					stats.txPackets = txp;
				if (qmi_message_wds_get_packet_statistics_output_get_rx_packets_ok(
					    out, &rxp, nullptr) &&
				    rxp != kNoCount32)
					stats.rxPackets = rxp;
				qmi_message_wds_get_packet_statistics_output_unref(out);
				if (!haveTx || !haveRx)
					return done(
						makeError(Errc::Unsupported,
							  "WDS Get Packet Statistics: the modem "
							  "reports no byte counters "
							  "(TLVs 0x19/0x1A missing or all ones)"));
				stats.txBytes = tx;
				stats.rxBytes = rx;
				done(stats);
			}));
		qmi_message_wds_get_packet_statistics_input_unref(in);
	});
	co_return co_await std::move(op);
}

} /* namespace zanryo */
