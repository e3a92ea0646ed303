#include "libmodem/codec/error.hpp"

namespace zanryo {

namespace {

class ZanryoCategory final : public std::error_category
{
public:
	const char *name() const noexcept override { return "zanryo"; }

	std::string message(int ev) const override
	{
		switch (static_cast<Errc>(ev)) {
		case Errc::Ok: return "success";
		case Errc::Truncated: return "input is truncated";
		case Errc::InvalidHex: return "invalid hex";
		case Errc::InvalidLength: return "invalid length";
		case Errc::InvalidValue: return "invalid value";
		case Errc::Unsupported: return "not supported";
		case Errc::InvalidUtf8: return "invalid UTF-8";
		case Errc::NotEncodable: return "text cannot be encoded";
		case Errc::Malformed: return "malformed input";
		case Errc::Timeout: return "timed out";
		case Errc::ModemError: return "modem returned an error";
		case Errc::NetworkError: return "network returned an error";
		case Errc::DeviceGone: return "device is gone";
		case Errc::NotAModem: return "device does not answer AT commands";
		case Errc::Busy: return "busy";
		case Errc::Cancelled: return "cancelled";
		case Errc::NotFound: return "not found";
		case Errc::ConfigError: return "configuration error";
		}
		return "unknown zanryo error " + std::to_string(ev);
	}
};

} /* namespace */

const std::error_category &zanryoCategory() noexcept
{
	static const ZanryoCategory category;
	return category;
}

std::error_code make_error_code(Errc e) noexcept
{
	return { static_cast<int>(e), zanryoCategory() };
}

std::string Error::message() const
{
	std::string text = what.empty() ? code.message() : what;
	if (offset != kNoOffset)
		return "offset " + std::to_string(offset) + ": " + text;
	return text;
}

Error makeError(Errc code, std::string what, std::size_t offset, std::string raw)
{
	return Error{ make_error_code(code), std::move(what), offset, std::move(raw) };
}

} /* namespace zanryo */
