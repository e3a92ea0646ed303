#pragma once

#include <sdbus-c++/Error.h>

#include "libmodem/codec/error.hpp"

namespace zanryo {

/// The documented error names of docs/dbus-api.md.
namespace dbus_error {
inline constexpr const char *kInvalidArgument = "org.zanryo.Zanryo1.Error.InvalidArgument";
inline constexpr const char *kBusy = "org.zanryo.Zanryo1.Error.Busy";
inline constexpr const char *kTimeout = "org.zanryo.Zanryo1.Error.Timeout";
inline constexpr const char *kNotSupported = "org.zanryo.Zanryo1.Error.NotSupported";
inline constexpr const char *kModemGone = "org.zanryo.Zanryo1.Error.ModemGone";
inline constexpr const char *kCarrierError = "org.zanryo.Zanryo1.Error.CarrierError";
inline constexpr const char *kNotAuthorized = "org.zanryo.Zanryo1.Error.NotAuthorized";
inline constexpr const char *kFailed = "org.zanryo.Zanryo1.Error.Failed";
} // namespace dbus_error

/// \brief The one place where libmodem's error values become D-Bus errors.
sdbus::Error toDbusError(const Error &error);

} /* namespace zanryo */
