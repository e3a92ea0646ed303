#pragma once

#include <algorithm>
#include <string_view>

namespace zanryo {

/// What isValidUssdCode() accepts, for error messages on D-Bus and in the configuration.
inline constexpr const char *kUssdCodeRule = "a USSD code is 1 to 182 characters of 0-9, *, # and +";

/// \brief A USSD string zanryod sends: digits, * and # (TS 22.030 §6.5.2) and +, at most
/// 182 characters (TS 23.038 §6.1.2.3). The one rule for Ussd.Initiate and `ussd` in the
/// configuration, so hostile input never reaches the modem either way.
inline bool isValidUssdCode(std::string_view code)
{
	return !code.empty() && code.size() <= 182 && std::all_of(code.begin(), code.end(), [](char c) {
		       return (c >= '0' && c <= '9') || c == '*' || c == '#' || c == '+';
	       });
}

} /* namespace zanryo */
