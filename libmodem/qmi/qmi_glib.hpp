#pragma once

// libqmi-glib plumbing shared by the QMI backend's source files: GAsyncReadyCallback
// targets that carry a std::function, GError -> Error, GArray helpers. Internal to
// libmodem/qmi: never included from a header outside this folder.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <libqmi-glib.h>

#include "libmodem/codec/result.hpp"
#include "libmodem/qmi/qmi_ussd_text.hpp"

namespace zanryo {


template<typename T>
using Done = std::function<void(Result<T>)>;

/// A GAsyncReadyCallback target: the std::function travels as user_data.
struct Ready {
	std::function<void(GObject *, GAsyncResult *)> fn;
};

inline void onReady(GObject *source, GAsyncResult *res, gpointer data)
{
	std::unique_ptr<Ready> r(static_cast<Ready *>(data));
	r->fn(source, res);
}

inline gpointer ready(std::function<void(GObject *, GAsyncResult *)> fn)
{
	return new Ready{ std::move(fn) };
}

inline guint seconds(std::chrono::milliseconds ms)
{
	auto s = (ms.count() + 999) / 1000;
	return static_cast<guint>(s < 1 ? 1 : s);
}

/// One GError to one Error; the GError is freed. \a what names the request
/// ("DMS Get Manufacturer"). Protocol errors keep libqmi's name of the error.
inline Error fromGError(GError *e, std::string_view what)
{
	Errc code = Errc::ModemError;
	std::string text;
	if (e->domain == QMI_PROTOCOL_ERROR) {
		// A switch over the int: libqmi's enums are not ours to list in full.
		switch (e->code) {
		case QMI_PROTOCOL_ERROR_NOT_SUPPORTED:
		case QMI_PROTOCOL_ERROR_INVALID_QMI_COMMAND:
		case QMI_PROTOCOL_ERROR_INVALID_SERVICE_TYPE:
			code = Errc::Unsupported;
			break;
		case QMI_PROTOCOL_ERROR_SUPS_FAILURE_CASE:
		case QMI_PROTOCOL_ERROR_NETWORK_ABORTED:
		case QMI_PROTOCOL_ERROR_NO_NETWORK_FOUND:
		case QMI_PROTOCOL_ERROR_NETWORK_NOT_READY:
			code = Errc::NetworkError;
			break;
		case QMI_PROTOCOL_ERROR_ABORTED:
			code = Errc::Cancelled;
			break;
		case QMI_PROTOCOL_ERROR_OPERATION_IN_PROGRESS:
		case QMI_PROTOCOL_ERROR_DEVICE_NOT_READY:
			code = Errc::Busy;
			break;
		case QMI_PROTOCOL_ERROR_INVALID_ARGUMENT:
		case QMI_PROTOCOL_ERROR_MISSING_ARGUMENT:
			code = Errc::InvalidValue;
			break;
		default:
			code = Errc::ModemError;
			break;
		}
		const char *name = qmi_protocol_error_get_string(static_cast<QmiProtocolError>(e->code));
		text = fmt::format("{}: QMI protocol error: {} ({})", what, name ? name : "unknown", e->code);
	} else if (e->domain == QMI_CORE_ERROR) {
		switch (e->code) {
		case QMI_CORE_ERROR_TIMEOUT:
			code = Errc::Timeout;
			break;
		case QMI_CORE_ERROR_UNSUPPORTED:
			code = Errc::Unsupported;
			break;
		case QMI_CORE_ERROR_WRONG_STATE:
			code = Errc::DeviceGone;
			break;
		case QMI_CORE_ERROR_INVALID_MESSAGE:
		case QMI_CORE_ERROR_TLV_NOT_FOUND:
		case QMI_CORE_ERROR_TLV_TOO_LONG:
		case QMI_CORE_ERROR_TLV_EMPTY:
		case QMI_CORE_ERROR_UNEXPECTED_MESSAGE:
		case QMI_CORE_ERROR_INVALID_DATA:
			code = Errc::Malformed;
			break;
		default:
			code = Errc::ModemError;
			break;
		}
		text = fmt::format("{}: {}", what, e->message);
	} else if (g_error_matches(e, G_IO_ERROR, G_IO_ERROR_CANCELLED)) {
		code = Errc::Cancelled;
		text = fmt::format("{}: cancelled", what);
	} else {
		code = e->domain == G_IO_ERROR ? Errc::DeviceGone : Errc::ModemError;
		text = fmt::format("{}: {}", what, e->message);
	}
	g_error_free(e);
	return makeError(code, std::move(text));
}

inline std::string gstr(const gchar *s)
{
	return s ? std::string(s) : std::string();
}

/// Text of the USS data TLVs: the UTF-16 one when the modem sent it, else the data by
/// its QMI coding scheme.
inline std::string ussText(GArray *utf16, QmiVoiceUssDataCodingScheme scheme, GArray *data, bool haveData)
{
	if (utf16 && utf16->len > 0)
		return decodeQmiUtf16({ reinterpret_cast<const std::uint16_t *>(utf16->data), utf16->len });
	if (!haveData || !data)
		return {};
	auto text = decodeQmiUssData(static_cast<QmiUssScheme>(scheme),
				     { reinterpret_cast<const std::uint8_t *>(data->data), data->len });
	return text ? *text : std::string();
}

inline std::string ussRaw(GArray *utf16, QmiVoiceUssDataCodingScheme scheme, GArray *data, bool haveData)
{
	if (utf16 && utf16->len > 0) {
		std::string out = "utf16:";
		for (guint i = 0; i < utf16->len; ++i)
			out += fmt::format("{:04X}", g_array_index(utf16, guint16, i));
		return out;
	}
	if (!haveData || !data)
		return {};
	std::string out = fmt::format("scheme {}:", static_cast<int>(scheme));
	for (guint i = 0; i < data->len; ++i)
		out += fmt::format("{:02X}", g_array_index(data, guint8, i));
	return out;
}

inline GArray *byteArray(const std::vector<std::uint8_t> &bytes)
{
	GArray *a = g_array_sized_new(FALSE, FALSE, 1, static_cast<guint>(bytes.size()));
	g_array_append_vals(a, bytes.data(), static_cast<guint>(bytes.size()));
	return a;
}


} /* namespace zanryo */
