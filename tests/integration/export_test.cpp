// zanryo-export end to end: zanryo-modem-sim, a private dbus-daemon, zanryod, and
// zanryo-export between zanryod and Prometheus. Asserted through /metrics (curl), the
// textfile (promtool), a real Prometheus server's query API, and dbus-monitor.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <regex>
#include <sys/socket.h>
#include <unistd.h>

#include "support/private_bus.hpp"
#include "support/sim_modem.hpp"
#include "support/wait.hpp"

namespace zanryo::test {
namespace {

using namespace std::chrono_literals;

std::string ussdConfig(const std::string &device)
{
	return "[[modem]]\ndevice = \"" + device + "\"\nmethod = \"ussd\"\nussd = \"*100#\"\nmin_interval = \"0s\"\n";
}

/// zanryo-export on \a bus with /metrics on a port the kernel chooses and a textfile.
class Exporter
{
public:
	explicit Exporter(PrivateBus &bus, std::string configToml = {})
	{
		textfile_ = dir_.file("zanryo.prom");
		if (configToml.empty())
			configToml = "[prometheus]\nlisten = \"127.0.0.1:0\"\ntextfile = \"" + textfile_ + "\"\n";
		std::string config = dir_.write("export.toml", configToml);
		process_ = std::make_unique<Process>(binaryPath("export/zanryo-export"),
						     std::vector<std::string>{ "--config", config, "--bus", bus.address() });
	}
	/// Waits for "serving /metrics on 127.0.0.1:PORT" and keeps the port.
	void waitServing()
	{
		auto line = process_->waitForLine(std::regex("serving /metrics on 127\\.0\\.0\\.1:[0-9]+"), within(10s), true);
		if (!line)
			throw std::runtime_error("zanryo-export did not start: " + process_->stderrText());
		port_ = line->substr(line->rfind(':') + 1);
	}
	/// GET /metrics (curl); empty when it fails.
	std::string metrics()
	{
		auto r = Process::run("curl", { "-sf", "--max-time", "5", "http://127.0.0.1:" + port_ + "/metrics" }, 10s);
		return r.exitCode == 0 ? r.out : std::string();
	}
	bool waitMetric(const std::string &line, Deadline deadline)
	{
		return waitUntil([&] { return metrics().find(line) != std::string::npos; }, deadline);
	}
	const std::string &port() const { return port_; }
	const std::string &textfile() const { return textfile_; }
	Process &process() { return *process_; }
	std::string log() const { return process_->stderrText(); }

private:
	TempDir dir_;
	std::string textfile_;
	std::string port_;
	std::unique_ptr<Process> process_;
};

/// The modem id in `zanryo_modem_info{modem="<id>",...}`; empty when there is none.
std::string modemIdIn(const std::string &metrics)
{
	std::smatch m;
	if (std::regex_search(metrics, m, std::regex("zanryo_modem_info\\{modem=\"([0-9a-f]+)\"")))
		return m[1];
	return {};
}

/// promtool check metrics on \a text: its exit code and what it said.
Process::Result promtoolCheck(const std::string &text)
{
	TempDir dir;
	std::string input = dir.write("metrics.prom", text);
	return Process::run("promtool", { "check", "metrics" }, 20s, Process::Options{ {}, {}, input });
}

/// A loopback TCP port nobody listens on now (bound and released).
int freePort()
{
	int fd = ::socket(AF_INET, SOCK_STREAM, 0);
	sockaddr_in a{};
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t len = sizeof a;
	if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0 ||
	    ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len) != 0)
		throw std::runtime_error("no free port");
	int port = ntohs(a.sin_port);
	::close(fd);
	return port;
}

TEST(Export, invalidConfigExits78NamingLineAndKey)
{
	PrivateBus bus;
	Exporter exporter(bus, "[prometheus]\nlisten = \"127.0.0.1:0\"\nlistn = \"x\"\n");
	auto code = exporter.process().wait(within(10s));
	ASSERT_TRUE(code.has_value());
	EXPECT_EQ(*code, 78);
	EXPECT_NE(exporter.log().find("export.toml:3: unknown key 'prometheus.listn'"), std::string::npos)
		<< exporter.log();
}

TEST(Export, refreshChangesTheMetricsFromSignalsAlone)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	// Every GetManagedObjects, Get and GetAll to zanryod: zanryo-export makes one at start
	// and reads nothing else (the test itself reads only /metrics and calls Refresh).
	Process monitor("dbus-monitor", { "--address", bus.address(),
					  "type='method_call',destination='org.zanryo.Zanryo1'" });
	ASSERT_TRUE(monitor.waitForLine(std::regex("member=NameAcquired"), within(10s)));
	Zanryod daemon(bus, { ussdConfig(sim.link()), {}, {} });
	daemon.waitReady();
	Exporter exporter(bus);
	exporter.waitServing();

	ASSERT_TRUE(exporter.waitMetric("currency=\"RUB\"} 125.50\n", within(30s))) << exporter.metrics() << daemon.log();
	std::string id = modemIdIn(exporter.metrics());
	ASSERT_FALSE(id.empty()) << exporter.metrics();
	const std::string m = "{modem=\"" + id + "\"}";
	std::string path = "/org/zanryo/Zanryo1/modem/" + id;
	EXPECT_NE(exporter.metrics().find("zanryo_reading_stale" + m + " 0\n"), std::string::npos);
	EXPECT_NE(exporter.metrics().find("zanryo_modem_info{modem=\"" + id +
					  "\",name=\"huawei E3372\",provider=\"MTS\",operator=\"MTS RUS\",backend=\"at\"} 1"),
		  std::string::npos)
		<< exporter.metrics();

	// The network refuses the next query: the reading turns stale, the failure is counted.
	ASSERT_EQ(sim.control("cusd-status 4"), "ok");
	auto refused = bus.busctl({ "call", kService, path, kBalance, "Refresh" }, 40s);
	ASSERT_NE(refused.exitCode, 0);
	EXPECT_TRUE(exporter.waitMetric("zanryo_reading_stale" + m + " 1\n", within(10s))) << exporter.metrics();
	EXPECT_TRUE(exporter.waitMetric("zanryo_query_failures_total{modem=\"" + id + "\",error=\"not_supported\"} 1\n",
					within(10s)))
		<< exporter.metrics();

	// The next one answers: fresh again, and one more query counted.
	ASSERT_EQ(sim.control("cusd-status 0"), "ok");
	std::string before = exporter.metrics();
	std::smatch q;
	ASSERT_TRUE(std::regex_search(before, q, std::regex("zanryo_queries_total\\{[^}]*\\} ([0-9]+)\n"))) << before;
	unsigned queries = unsigned(std::stoul(q[1]));
	auto ok = bus.busctl({ "call", kService, path, kBalance, "Refresh" }, 40s);
	ASSERT_EQ(ok.exitCode, 0) << ok.err << daemon.log();
	EXPECT_TRUE(exporter.waitMetric("zanryo_reading_stale" + m + " 0\n", within(10s))) << exporter.metrics();
	EXPECT_TRUE(exporter.waitMetric("zanryo_queries_total" + m + " " + std::to_string(queries + 1) + "\n",
					within(10s)))
		<< exporter.metrics();

	// Both outputs pass promtool, and the textfile says what /metrics says.
	auto check = promtoolCheck(exporter.metrics());
	EXPECT_EQ(check.exitCode, 0) << check.out << check.err;
	EXPECT_TRUE(waitUntil([&] { return readFile(exporter.textfile()) == exporter.metrics(); }, within(5s)));
	auto checkFile = promtoolCheck(readFile(exporter.textfile()));
	EXPECT_EQ(checkFile.exitCode, 0) << checkFile.out << checkFile.err;

	// No polling: one GetManagedObjects, and no property reads, from start to here.
	ASSERT_TRUE(waitUntil([&] { return occurrences(monitor.stdoutText(), "member=Refresh") == 2; }, within(5s)));
	EXPECT_EQ(occurrences(monitor.stdoutText(), "member=GetManagedObjects"), 1u) << monitor.stdoutText();
	EXPECT_EQ(occurrences(monitor.stdoutText(), "member=GetAll"), 0u);
	EXPECT_EQ(occurrences(monitor.stdoutText(), "member=Get\n"), 0u);
}

TEST(Export, hostileProviderNameIsEscapedInLabels)
{
	// ru-prepaid on a network of its own (250-77), whose only provider is a user overlay
	// that names it with quotes, a backslash, a newline and non-ASCII text.
	std::string scenario = readFile(sourcePath("tests/sim/scenarios/ru-prepaid.toml"));
	scenario = std::regex_replace(scenario, std::regex("mnc = \"01\""), "mnc = \"77\"");
	scenario = std::regex_replace(scenario, std::regex("imsi = \"25001"), "imsi = \"25077");
	auto sim = SimModem::fromToml(scenario);
	PrivateBus bus;
	TempDir providers;
	providers.write("evil.toml", "[[provider]]\nname = \"Evil \\\"MTS\\\" \\\\ \\nМТС ドコモ\"\n"
				     "networks = [\"250-77\"]\ncurrency = \"RUB\"\n");
	Zanryod daemon(bus, { "[daemon]\nproviders_dir = \"" + providers.path() + "\"\n" + ussdConfig(sim->link()), {}, {} });
	daemon.waitReady();
	Exporter exporter(bus);
	exporter.waitServing();
	const std::string escaped = "provider=\"Evil \\\"MTS\\\" \\\\ \\nМТС ドコモ\"";
	EXPECT_TRUE(exporter.waitMetric(escaped, within(30s))) << exporter.metrics() << daemon.log();
	auto check = promtoolCheck(exporter.metrics());
	EXPECT_EQ(check.exitCode, 0) << check.out << check.err << exporter.metrics();
}

TEST(Export, zanryodRestartIsFollowed)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	TempDir state;
	auto daemon = std::make_unique<Zanryod>(bus, Zanryod::Options{ ussdConfig(sim.link()), {}, state.path() });
	daemon->waitReady();
	Exporter exporter(bus);
	exporter.waitServing();
	ASSERT_TRUE(exporter.waitMetric("currency=\"RUB\"} 125.50\n", within(30s))) << exporter.metrics();

	daemon.reset();
	EXPECT_TRUE(exporter.waitMetric("zanryo_up 0\n", within(10s))) << exporter.metrics();
	EXPECT_EQ(exporter.metrics().find("zanryo_money_balance"), std::string::npos) << exporter.metrics();

	Zanryod again(bus, { ussdConfig(sim.link()), {}, state.path() });
	again.waitReady();
	EXPECT_TRUE(exporter.waitMetric("zanryo_up 1\n", within(10s))) << exporter.metrics();
	EXPECT_TRUE(exporter.waitMetric("currency=\"RUB\"} 125.50\n", within(30s))) << exporter.metrics() << exporter.log();
	EXPECT_TRUE(exporter.process().running());
}

TEST(Export, prometheusScrapesTheValue)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(bus, { ussdConfig(sim.link()), {}, {} });
	daemon.waitReady();
	Exporter exporter(bus);
	exporter.waitServing();
	ASSERT_TRUE(exporter.waitMetric("currency=\"RUB\"} 125.50\n", within(30s))) << exporter.metrics();

	// A real Prometheus server on loopback, scraping every second, storage in a temp dir.
	TempDir dir;
	std::string config = dir.write("prometheus.yml", "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
							 "scrape_configs:\n  - job_name: zanryo\n    static_configs:\n"
							 "      - targets: ['127.0.0.1:" +
							 exporter.port() + "']\n");
	std::string web = "127.0.0.1:" + std::to_string(freePort());
	Process prometheus("prometheus", { "--config.file=" + config, "--storage.tsdb.path=" + dir.file("data"),
					   "--web.listen-address=" + web, "--log.level=warn" });
	auto query = [&](const std::string &q) {
		auto r = Process::run("curl", { "-sf", "--max-time", "5", "--get", "--data-urlencode", "query=" + q,
						"http://" + web + "/api/v1/query" },
				      10s);
		return r.exitCode == 0 ? r.out : std::string();
	};
	std::string answer;
	EXPECT_TRUE(waitUntil(
		[&] {
			answer = query("zanryo_money_balance");
			return answer.find("\"currency\":\"RUB\"") != std::string::npos &&
			       answer.find("\"125.5\"") != std::string::npos;
		},
		within(25s)))
		<< answer << prometheus.stderrText();
	EXPECT_NE(query("up{job=\"zanryo\"}").find("\"1\"]"), std::string::npos);
}

} // namespace
} // namespace zanryo::test
