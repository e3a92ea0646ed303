#include "hook_runner.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/post.hpp>

#include "log.hpp"

extern char **environ;

namespace zanryo {

namespace asio = boost::asio;

namespace {

/// Carrier text may hold anything; an environment string ends at NUL and should not
/// grow without bound. Cut at a UTF-8 character boundary.
std::string envValue(const std::string &value)
{
	std::string v;
	v.reserve(std::min(value.size(), HookRunner::kMaxValue));
	for (char c : value)
		if (c != '\0')
			v.push_back(c);
	if (v.size() > HookRunner::kMaxValue) {
		std::size_t cut = HookRunner::kMaxValue;
		while (cut > 0 && (static_cast<unsigned char>(v[cut]) & 0xC0) == 0x80)
			cut--;
		v.resize(cut);
	}
	return v;
}

/// Log text from a hook: control characters other than tab become '?', so a hook
/// cannot forge log prefixes or terminal escapes.
std::string printable(std::string_view line)
{
	std::string out;
	out.reserve(line.size());
	for (char c : line) {
		auto u = static_cast<unsigned char>(c);
		out.push_back((u < 0x20 && c != '\t') || u == 0x7f ? '?' : c);
	}
	return out;
}

int pidfdOpen(pid_t pid)
{
#ifdef SYS_pidfd_open
	return int(::syscall(SYS_pidfd_open, pid, 0));
#else
	(void)pid;
	errno = ENOSYS;
	return -1;
#endif
}

} /* namespace */

HookRunner::HookRunner(asio::io_context &io, std::string label, std::vector<std::string> argv,
		       std::chrono::milliseconds timeout, std::chrono::milliseconds killGrace)
	: io_(io), label_(std::move(label)), argv_(std::move(argv)), timeout_(timeout), killGrace_(killGrace),
	  timer_(io)
{
}

HookRunner::~HookRunner()
{
	*alive_ = false;
	if (child_ > 0) {
		// zanryod is stopping: do not leave a hook behind holding the modem's values.
		::kill(-child_, SIGKILL);
		int status = 0;
		while (::waitpid(child_, &status, 0) < 0 && errno == EINTR) {
		}
	}
}

bool HookRunner::run(std::map<std::string, std::string> env)
{
	if (argv_.empty())
		return false;
	if (child_ > 0) {
		if (queue_.size() >= kMaxQueue) {
			logWarning("{}: alert hook {} is still running and {} runs wait; dropping this one ({})",
				   label_, argv_[0], queue_.size(), env.count("ZANRYO_EVENT") ? env["ZANRYO_EVENT"] : "");
			return false;
		}
		queue_.push_back(std::move(env));
		return true;
	}
	start(std::move(env));
	return true;
}

void HookRunner::start(std::map<std::string, std::string> env)
{
	outcome_ = HookOutcome{};
	exited_ = false;
	outputClosed_ = false;
	termSent_ = false;
	finished_ = false;
	run_++;

	// The daemon's environment without any ZANRYO_* of its own, then the values.
	std::vector<std::string> envStrings;
	for (char **e = environ; e && *e; ++e)
		if (std::strncmp(*e, "ZANRYO_", 7) != 0)
			envStrings.emplace_back(*e);
	for (const auto &[key, value] : env)
		envStrings.push_back(key + "=" + envValue(value));
	std::vector<char *> envp;
	for (std::string &s : envStrings)
		envp.push_back(s.data());
	envp.push_back(nullptr);
	std::vector<std::string> args = argv_;
	std::vector<char *> argvp;
	for (std::string &a : args)
		argvp.push_back(a.data());
	argvp.push_back(nullptr);

	int pipeFds[2];
	if (::pipe2(pipeFds, O_CLOEXEC) != 0) {
		logError("{}: alert hook: pipe: {}", label_, std::strerror(errno));
		outcome_.spawnFailed = true;
		exited_ = true;
		asio::post(io_, [this, alive = std::weak_ptr<bool>(alive_)] {
			if (auto a = alive.lock(); a && *a)
				finish();
		});
		return;
	}

	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 1);
	posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 2);
	// Nothing of the daemon (bus socket, modem port, database) reaches the hook.
	posix_spawn_file_actions_addclosefrom_np(&actions, 3);
	posix_spawnattr_t attr;
	posix_spawnattr_init(&attr);
	sigset_t empty, all;
	sigemptyset(&empty);
	sigfillset(&all);
	sigdelset(&all, SIGKILL);
	sigdelset(&all, SIGSTOP);
	posix_spawnattr_setsigmask(&attr, &empty);
	posix_spawnattr_setsigdefault(&attr, &all);
	// Its own process group, so the timeout stops what the hook started too.
	posix_spawnattr_setpgroup(&attr, 0);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);

	pid_t pid = -1;
	// posix_spawn, not posix_spawnp: argv[0] is an absolute path (checked by the config).
	int rc = ::posix_spawn(&pid, argvp[0], &actions, &attr, argvp.data(), envp.data());
	posix_spawn_file_actions_destroy(&actions);
	posix_spawnattr_destroy(&attr);
	::close(pipeFds[1]);
	if (rc != 0) {
		::close(pipeFds[0]);
		logError("{}: alert hook {} cannot be started: {}", label_, argv_[0], std::strerror(rc));
		outcome_.spawnFailed = true;
		exited_ = true;
		asio::post(io_, [this, alive = std::weak_ptr<bool>(alive_)] {
			if (auto a = alive.lock(); a && *a)
				finish();
		});
		return;
	}
	child_ = pid;
	output_ = std::make_unique<asio::posix::stream_descriptor>(io_, pipeFds[0]);
	readOutput();
	watchExit();
	timer_.expires_after(timeout_);
	timer_.async_wait([this, alive = std::weak_ptr<bool>(alive_), run = run_](const boost::system::error_code &ec) {
		if (auto a = alive.lock(); !ec && a && *a && run == run_)
			onTimeout();
	});
}

void HookRunner::readOutput()
{
	output_->async_read_some(
		asio::buffer(buffer_),
		[this, alive = std::weak_ptr<bool>(alive_), run = run_](const boost::system::error_code &ec, std::size_t n) {
			auto a = alive.lock();
			if (!a || !*a || run != run_ || finished_)
				return;
			std::size_t room = kMaxOutput - std::min(kMaxOutput, outcome_.output.size());
			outcome_.output.append(buffer_.data(), std::min(room, n));
			outcome_.droppedOutput += n - std::min(room, n);
			if (ec) {
				outputClosed_ = true;
				if (exited_)
					finish();
				return;
			}
			readOutput();
		});
}

void HookRunner::exited(int status)
{
	if (WIFEXITED(status))
		outcome_.exitCode = WEXITSTATUS(status);
	else if (WIFSIGNALED(status))
		outcome_.signal = WTERMSIG(status);
	exited_ = true;
	if (outputClosed_) {
		finish();
		return;
	}
	// The pipe's end of file normally follows the exit at once; a background process
	// the hook left behind may keep it open, so do not wait for it long.
	timer_.cancel();
	timer_.expires_after(std::chrono::milliseconds(500));
	timer_.async_wait([this, alive = std::weak_ptr<bool>(alive_), run = run_](const boost::system::error_code &ec) {
		if (auto a = alive.lock(); !ec && a && *a && run == run_)
			finish();
	});
}

void HookRunner::watchExit()
{
	int fd = pidfdOpen(child_);
	if (fd >= 0) {
		pidfd_ = std::make_unique<asio::posix::stream_descriptor>(io_, fd);
		pidfd_->async_wait(asio::posix::stream_descriptor::wait_read,
				   [this, alive = std::weak_ptr<bool>(alive_)](const boost::system::error_code &ec) {
					   auto a = alive.lock();
					   if (!a || !*a || ec)
						   return;
					   int status = 0;
					   if (::waitpid(child_, &status, WNOHANG) != child_)
						   return; // cannot happen: a readable pidfd means it exited
					   exited(status);
				   });
		return;
	}
	// Kernels before 5.3 have no pidfd: look for the exit a few times a second while a
	// hook runs (no wakeups otherwise).
	auto poll = std::make_shared<asio::steady_timer>(io_);
	auto check = std::make_shared<std::function<void()>>();
	*check = [this, poll, check, alive = std::weak_ptr<bool>(alive_)] {
		poll->expires_after(std::chrono::milliseconds(100));
		poll->async_wait([this, poll, check, alive](const boost::system::error_code &ec) {
			auto a = alive.lock();
			if (!a || !*a || ec)
				return;
			int status = 0;
			if (::waitpid(child_, &status, WNOHANG) == child_) {
				*check = nullptr; // break the cycle
				exited(status);
				return;
			}
			(*check)();
		});
	};
	(*check)();
}

void HookRunner::onTimeout()
{
	if (child_ <= 0 || exited_)
		return;
	if (!termSent_) {
		termSent_ = true;
		outcome_.timedOut = true;
		logWarning("{}: alert hook {} did not finish within {} ms; sending SIGTERM", label_, argv_[0],
			   timeout_.count());
		::kill(-child_, SIGTERM);
		timer_.expires_after(killGrace_);
		timer_.async_wait([this, alive = std::weak_ptr<bool>(alive_), run = run_](const boost::system::error_code &ec) {
			if (auto a = alive.lock(); !ec && a && *a && run == run_)
				onTimeout();
		});
		return;
	}
	logWarning("{}: alert hook {} ignored SIGTERM; sending SIGKILL", label_, argv_[0]);
	::kill(-child_, SIGKILL);
}

void HookRunner::finish()
{
	if (finished_)
		return;
	finished_ = true;
	timer_.cancel();
	if (output_) {
		// Take what the hook wrote just before it exited; a grandchild that keeps the pipe
		// open must not keep this run going.
		int fd = output_->native_handle();
		char buf[1024];
		for (;;) {
			ssize_t n = ::read(fd, buf, sizeof buf);
			if (n <= 0)
				break;
			std::size_t room = kMaxOutput - std::min(kMaxOutput, outcome_.output.size());
			outcome_.output.append(buf, std::min(room, std::size_t(n)));
			outcome_.droppedOutput += std::size_t(n) - std::min(room, std::size_t(n));
		}
		output_.reset();
	}
	pidfd_.reset();

	std::string_view out = outcome_.output;
	while (!out.empty()) {
		std::size_t nl = out.find('\n');
		std::string_view line = out.substr(0, nl);
		if (!line.empty())
			logInfo("{}: alert hook: {}", label_, printable(line));
		out = nl == std::string_view::npos ? std::string_view() : out.substr(nl + 1);
	}
	if (outcome_.droppedOutput)
		logWarning("{}: alert hook: {} more bytes of output dropped", label_, outcome_.droppedOutput);
	if (outcome_.spawnFailed) {
		// Logged where it happened.
	} else if (outcome_.exitCode && *outcome_.exitCode == 0) {
		logInfo("{}: alert hook {} done", label_, argv_[0]);
	} else if (outcome_.exitCode) {
		logWarning("{}: alert hook {} exited with status {}", label_, argv_[0], *outcome_.exitCode);
	} else if (outcome_.signal) {
		logWarning("{}: alert hook {} was ended by signal {} ({})", label_, argv_[0], *outcome_.signal,
			   ::strsignal(*outcome_.signal));
	}

	child_ = -1;
	HookOutcome done = std::move(outcome_);
	outcome_ = HookOutcome{};
	if (onFinished)
		onFinished(done);
	if (!queue_.empty()) {
		auto next = std::move(queue_.front());
		queue_.pop_front();
		start(std::move(next));
	}
}

} /* namespace zanryo */
