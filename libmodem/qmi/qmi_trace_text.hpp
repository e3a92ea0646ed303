#pragma once

// PURE: one line of wire trace from one of libqmi's own message traces. libqmi-glib
// writes every QMI message it sends or receives, when qmi_utils_set_traces_enabled() is
// on, as a g_debug() text: "[/dev/cdc-wdm0] sent generic request (translated)..." then
// its QMUX header, QMI header and TLVs, one "key = value" per line. This turns such a
// text into "--> DMS Get IDs (request 1)" / "<-- DMS Get IDs (response 1): Result=SUCCESS,
// Esn, Imei". No GLib here: tested with texts as libqmi 1.32 writes them.

#include <optional>
#include <string>
#include <string_view>

namespace zanryo {

/// \brief What one libqmi message trace says, summarised.
struct QmiTraceSummary {
	std::string device; ///< the port as libqmi names it ("/dev/cdc-wdm0")
	bool outgoing = false;
	std::string text;   ///< "--> DMS Get IDs (request 1)", "<-- VOICE USSD (indication): ..."
};

/// \brief The summary of \a message, a text libqmi logged; std::nullopt for its other
/// texts (the raw frame dump "sent message...", open progress, warnings).
///
/// Each TLV is named; with \a withValues false only the Result TLV shows its value
/// (SUCCESS, or FAILURE with the error's name): libqmi hides the TLVs it marks personal
/// (IMEI, IMSI, ICCID, MSISDN), but not the raw contents of SIM files (UIM Read
/// Transparent) or of SMS (WMS Raw Read), so a masked trace shows no value at all.
/// \a withValues true (--debug=unmasked) shows every TLV's translated value.
std::optional<QmiTraceSummary> summariseQmiTrace(std::string_view message, bool withValues);

} /* namespace zanryo */
