#pragma once

#include <ostream>
#include <string>

namespace zanryo::testing_support {

/// Table cases carry a `name`; it names the generated test and is what gtest prints for
/// the parameter (instead of a byte dump) in ctest listings.
struct CaseName {
	template<typename Info>
	std::string operator()(const Info &info) const
	{
		return std::string(info.param.name);
	}
};

template<typename T>
	requires requires(const T &t) { t.name; }
void PrintTo(const T &c, std::ostream *os)
{
	*os << c.name;
}

} /* namespace zanryo::testing_support */
