// SIM files over the QMI User Identity Module service: UIM Read Transparent (message
// 0x0020, libqmi 1.32 qmi-uim.h) of EF_ICCID, EF_IMSI and EF_SPN, decoded by the codec.
// Firmwares that dropped the DMS UIM messages (newer Qualcomm, Sierra EM7xxx) still
// answer these.
#include <utility> // before Boost 1.74 awaitable.hpp, which uses std::exchange

#include <fmt/format.h>

#include "libmodem/codec/sim_files.hpp"
#include "libmodem/qmi/qmi_modem_impl.hpp"

namespace zanryo {

namespace asio = boost::asio;

namespace {

// TS 102 221 §13.2 / TS 31.102 §4.2: file ids and the DFs above them.
constexpr std::uint16_t kMf = 0x3F00;
constexpr std::uint16_t kAdfUsim = 0x7FFF; ///< "the current USIM application" (§8.4.2)
constexpr std::uint16_t kEfIccid = 0x2FE2;
constexpr std::uint16_t kEfImsi = 0x6F07;
constexpr std::uint16_t kEfSpn = 0x6F46;

} /* namespace */

asio::awaitable<Result<std::vector<std::uint8_t>>>
QmiModem::Impl::readSimFile(std::uint16_t fileId, std::vector<std::uint16_t> path, std::string what)
{
	auto impl = shared_from_this();
	if (!uimAvailable)
		co_return makeError(Errc::Unsupported,
				    fmt::format("{}: the modem has no UIM service", what));
	guint timeout = seconds(options.requestTimeout);
	auto op = call<std::vector<std::uint8_t>>([impl, fileId, path, what,
						   timeout](Done<std::vector<std::uint8_t>> done) {
		auto *in = qmi_message_uim_read_transparent_input_new();
		GArray *aid = g_array_new(FALSE, FALSE, 1);
		qmi_message_uim_read_transparent_input_set_session(
			in, QMI_UIM_SESSION_TYPE_PRIMARY_GW_PROVISIONING, aid, nullptr);
		g_array_unref(aid);
		// The path goes as bytes, each 16-bit file id least significant byte first
		// (as every QMI integer): MF 3F00 is 00 3F.
		GArray *p = g_array_new(FALSE, FALSE, 1);
		for (std::uint16_t id : path) {
			guint8 lo = static_cast<guint8>(id & 0xFF),
			       hi = static_cast<guint8>(id >> 8);
			g_array_append_val(p, lo);
			g_array_append_val(p, hi);
		}
		qmi_message_uim_read_transparent_input_set_file(in, fileId, p, nullptr);
		g_array_unref(p);
		qmi_message_uim_read_transparent_input_set_read_information(
			in, 0, 0, nullptr); // the whole file
		qmi_client_uim_read_transparent(
			QMI_CLIENT_UIM(impl->uim), in, timeout, impl->cancellable, onReady,
			ready([done, what](GObject *src, GAsyncResult *res) {
				GError *err = nullptr;
				auto *out = qmi_client_uim_read_transparent_finish(
					QMI_CLIENT_UIM(src), res, &err);
				guint8 sw1 = 0, sw2 = 0;
				bool haveSw =
					out &&
					qmi_message_uim_read_transparent_output_get_card_result(
						out, &sw1, &sw2, nullptr);
				GArray *data = nullptr;
				if (!out ||
				    !qmi_message_uim_read_transparent_output_get_result(out,
											&err) ||
				    !qmi_message_uim_read_transparent_output_get_read_result(
					    out, &data, &err)) {
					Error e = fromGError(err, what);
					if (haveSw)
						e.what +=
							fmt::format(" (SW {:02X}{:02X})", sw1, sw2);
					if (out)
						qmi_message_uim_read_transparent_output_unref(out);
					return done(std::move(e));
				}
				std::vector<std::uint8_t> bytes(
					reinterpret_cast<const std::uint8_t *>(data->data),
					reinterpret_cast<const std::uint8_t *>(data->data) +
						data->len);
				qmi_message_uim_read_transparent_output_unref(out);
				// TS 102 221 §10.2.1: 90 00 (and 91 xx, proactive command pending)
				// is success.
				if (haveSw && sw1 != 0x90 && sw1 != 0x91)
					return done(makeError(
						Errc::ModemError,
						fmt::format("{}: the card answered SW {:02X}{:02X}",
							    what, sw1, sw2)));
				done(std::move(bytes));
			}));
		qmi_message_uim_read_transparent_input_unref(in);
	});
	co_return co_await std::move(op);
}

asio::awaitable<Result<std::string>> QmiModem::Impl::simFileText(char which)
{
	std::uint16_t id = which == 'c' ? kEfIccid : which == 'i' ? kEfImsi : kEfSpn;
	std::vector<std::uint16_t> path = which == 'c'
						  ? std::vector<std::uint16_t>{ kMf }
						  : std::vector<std::uint16_t>{ kMf, kAdfUsim };
	const char *name = which == 'c' ? "EF_ICCID" : which == 'i' ? "EF_IMSI" : "EF_SPN";
	auto read = readSimFile(id, path, fmt::format("UIM Read Transparent {}", name));
	auto bytes = co_await std::move(read);
	if (!bytes)
		co_return bytes.error();
	Result<std::string> text = which == 'c'	  ? decodeEfIccid(*bytes)
				   : which == 'i' ? decodeEfImsi(*bytes)
						  : decodeEfSpn(*bytes);
	if (!text) {
		Error e = text.error();
		e.what = fmt::format("{}: {}", name, e.what);
		co_return e;
	}
	co_return text;
}

} /* namespace zanryo */
