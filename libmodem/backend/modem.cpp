#include "libmodem/backend/modem.hpp"

#include <boost/asio/use_awaitable.hpp>
#include <fmt/format.h>

namespace zanryo {

std::string_view modemStateName(ModemState state) noexcept
{
	switch (state) {
	case ModemState::Closed: return "closed";
	case ModemState::Absent: return "absent";
	case ModemState::Opening: return "opening";
	case ModemState::Ready: return "ready";
	case ModemState::Gone: return "gone";
	case ModemState::Failed: return "failed";
	}
	return "?";
}

std::string_view ussdStatusName(UssdStatus status) noexcept
{
	switch (status) {
	case UssdStatus::Done: return "done";
	case UssdStatus::ActionRequired: return "action-required";
	case UssdStatus::Terminated: return "terminated";
	case UssdStatus::OtherClient: return "other-client";
	case UssdStatus::NotSupported: return "not-supported";
	case UssdStatus::Timeout: return "timeout";
	}
	return "?";
}

boost::asio::awaitable<Result<PacketStats>> Modem::packetStats()
{
	co_return makeError(Errc::Unsupported,
			    fmt::format("{} ({}): the transport reports no packet statistics", devicePath(), transport()));
}

} /* namespace zanryo */
