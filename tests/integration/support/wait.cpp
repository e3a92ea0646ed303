#include "support/wait.hpp"

#include <algorithm>
#include <thread>

namespace zanryo::test {

bool waitUntil(const std::function<bool()> &predicate, Deadline deadline)
{
	auto pause = std::chrono::milliseconds(1);
	for (;;) {
		if (predicate())
			return true;
		auto now = Clock::now();
		if (now >= deadline)
			return predicate();
		std::this_thread::sleep_for(std::min<Clock::duration>(pause, deadline - now));
		pause = std::min(pause * 2, std::chrono::milliseconds(50));
	}
}

} /* namespace zanryo::test */
