#include "dbus_error.hpp"

namespace zanryo {

namespace {

const char *nameFor(const std::error_code &code)
{
	if (code.category() != zanryoCategory())
		return dbus_error::kFailed;
	switch (static_cast<Errc>(code.value())) {
	case Errc::Truncated:
	case Errc::InvalidHex:
	case Errc::InvalidLength:
	case Errc::InvalidValue:
	case Errc::InvalidUtf8:
	case Errc::NotEncodable:
	case Errc::Malformed:
		return dbus_error::kInvalidArgument;
	case Errc::Busy:
		return dbus_error::kBusy;
	case Errc::Timeout:
		return dbus_error::kTimeout;
	case Errc::Unsupported:
		return dbus_error::kNotSupported;
	case Errc::DeviceGone:
	case Errc::NotAModem:
		return dbus_error::kModemGone;
	case Errc::NetworkError:
		return dbus_error::kCarrierError;
	case Errc::Ok:
	case Errc::ModemError:
	case Errc::Cancelled:
	case Errc::NotFound:
	case Errc::ConfigError:
		return dbus_error::kFailed;
	}
	return dbus_error::kFailed;
}

} /* namespace */

sdbus::Error toDbusError(const Error &error)
{
	return sdbus::Error(nameFor(error.code), error.message());
}

} /* namespace zanryo */
