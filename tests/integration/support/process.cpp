#include "support/process.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace zanryo::test {

Process::Process(std::string program, std::vector<std::string> args, Options options)
	: program_(std::move(program))
{
	// Everything the child needs is prepared before fork: only async-signal-safe calls after.
	std::vector<std::string> argvStore{ program_ };
	argvStore.insert(argvStore.end(), args.begin(), args.end());
	std::vector<char *> argv;
	for (auto &a : argvStore)
		argv.push_back(a.data());
	argv.push_back(nullptr);

	std::map<std::string, std::string> envMap;
	for (char **e = environ; *e; ++e) {
		std::string kv = *e;
		auto eq = kv.find('=');
		envMap[kv.substr(0, eq)] = eq == std::string::npos ? "" : kv.substr(eq + 1);
	}
	for (const auto &kv : options.env) {
		auto eq = kv.find('=');
		envMap[kv.substr(0, eq)] = eq == std::string::npos ? "" : kv.substr(eq + 1);
	}
	std::vector<std::string> envStore;
	for (const auto &[k, v] : envMap)
		envStore.push_back(k + "=" + v);
	std::vector<char *> envp;
	for (auto &e : envStore)
		envp.push_back(e.data());
	envp.push_back(nullptr);

	std::string outPath = dir_.file("stdout"), errPath = dir_.file("stderr");
	std::string inPath = options.stdinPath.empty() ? "/dev/null" : options.stdinPath;
	int in = ::open(inPath.c_str(), O_RDONLY | O_CLOEXEC);
	int out = ::open(outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	int err = ::open(errPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (in < 0 || out < 0 || err < 0)
		throw std::runtime_error("cannot open stdio files for " + program_);
	// A pipe closed on exec tells the parent whether exec worked.
	int status[2];
	if (::pipe2(status, O_CLOEXEC) != 0)
		throw std::runtime_error("pipe2 failed");

	pid_ = ::fork();
	if (pid_ == 0) {
		::dup2(in, 0);
		::dup2(out, 1);
		::dup2(err, 2);
		::setpgid(0, 0);
		if (!options.workdir.empty() && ::chdir(options.workdir.c_str()) != 0)
			::_exit(127);
		::execvpe(argv[0], argv.data(), envp.data());
		int e = errno;
		ssize_t ignored = ::write(status[1], &e, sizeof e);
		(void)ignored;
		::_exit(127);
	}
	::close(in);
	::close(out);
	::close(err);
	::close(status[1]);
	if (pid_ < 0) {
		::close(status[0]);
		throw std::runtime_error("fork failed");
	}
	int childErrno = 0;
	ssize_t n = ::read(status[0], &childErrno, sizeof childErrno);
	::close(status[0]);
	if (n == sizeof childErrno) {
		reap(true);
		pid_ = -1;
		throw std::runtime_error("cannot execute " + program_ + ": " + std::strerror(childErrno));
	}
}

Process::~Process()
{
	if (pid_ > 0 && !exitCode_)
		terminate();
}

void Process::reap(bool block)
{
	if (pid_ <= 0 || exitCode_)
		return;
	int st = 0;
	pid_t r = ::waitpid(pid_, &st, block ? 0 : WNOHANG);
	if (r == pid_) {
		if (WIFEXITED(st))
			exitCode_ = WEXITSTATUS(st);
		else if (WIFSIGNALED(st))
			exitCode_ = 128 + WTERMSIG(st);
	}
}

bool Process::running()
{
	reap(false);
	return pid_ > 0 && !exitCode_;
}

std::optional<int> Process::wait(Deadline deadline)
{
	waitUntil([this] { return !running(); }, deadline);
	return exitCode_;
}

void Process::signal(int sig)
{
	if (running())
		::kill(pid_, sig);
}

int Process::terminate(std::chrono::milliseconds grace)
{
	if (running()) {
		::kill(pid_, SIGTERM);
		if (!wait(within(grace))) {
			::kill(pid_, SIGKILL);
			reap(true);
		}
	}
	return exitCode_.value_or(-1);
}

std::string Process::stdoutText() const
{
	return readFile(dir_.file("stdout"));
}

std::string Process::stderrText() const
{
	return readFile(dir_.file("stderr"));
}

std::optional<std::string> Process::waitForLine(const std::regex &re, Deadline deadline, bool fromStderr)
{
	std::optional<std::string> found;
	waitUntil(
		[&] {
			std::istringstream text(fromStderr ? stderrText() : stdoutText());
			std::string line;
			// Only complete lines: a line still being written must not half-match.
			while (std::getline(text, line)) {
				if (text.eof())
					break;
				if (std::regex_search(line, re)) {
					found = line;
					return true;
				}
			}
			return false;
		},
		deadline);
	return found;
}

Process::Result Process::run(std::string program, std::vector<std::string> args, std::chrono::milliseconds timeout,
			     Options options)
{
	Process p(std::move(program), std::move(args), std::move(options));
	Result r;
	if (!p.wait(within(timeout)))
		p.terminate(std::chrono::milliseconds(500));
	r.exitCode = p.exitCode().value_or(-1);
	r.out = p.stdoutText();
	r.err = p.stderrText();
	return r;
}

std::size_t occurrences(std::string_view text, std::string_view needle)
{
	std::size_t n = 0;
	for (auto at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + 1))
		n++;
	return n;
}

} /* namespace zanryo::test */
