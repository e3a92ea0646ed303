// zanryo-export on MQTT with Home Assistant discovery: a real mosquitto broker on
// loopback started by each test, mosquitto_sub and mosquitto_pub as the other clients,
// zanryod with zanryo-modem-sim behind zanryo-export.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <regex>
#include <sys/socket.h>
#include <unistd.h>

#include "support/private_bus.hpp"
#include "support/sim_modem.hpp"
#include "support/wait.hpp"

namespace zanryo::test {
namespace {

using namespace std::chrono_literals;
using json = nlohmann::json;

std::string ussdConfig(const std::string &device)
{
	return "[[modem]]\ndevice = \"" + device + "\"\nmethod = \"ussd\"\nussd = \"*100#\"\nmin_interval = \"0s\"\n";
}

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

/// mosquitto on 127.0.0.1:\a port, no persistence: a restart forgets every retained message.
class Broker
{
public:
	explicit Broker(int port) : port_(std::to_string(port))
	{
		std::string conf = dir_.write("mosquitto.conf", "listener " + port_ +
									" 127.0.0.1\nallow_anonymous true\npersistence false\n"
									"log_dest stderr\nlog_type error\nlog_type warning\n"
									"log_type notice\nlog_type information\n");
		process_ = std::make_unique<Process>("mosquitto", std::vector<std::string>{ "-c", conf });
		if (!process_->waitForLine(std::regex("listen socket on port"), within(10s), true))
			throw std::runtime_error("mosquitto did not start: " + process_->stderrText());
	}
	const std::string &port() const { return port_; }

private:
	TempDir dir_;
	std::string port_;
	std::unique_ptr<Process> process_;
};

/// mosquitto_sub -v on every topic: "TOPIC PAYLOAD" lines, retained ones first.
std::unique_ptr<Process> subscriber(const Broker &broker)
{
	return std::make_unique<Process>("mosquitto_sub", std::vector<std::string>{ "-h", "127.0.0.1", "-p", broker.port(),
										    "-q", "1", "-v", "-t", "#" });
}

class Exporter
{
public:
	Exporter(PrivateBus &bus, const Broker &broker)
	{
		std::string config = dir_.write("export.toml", "[prometheus]\nlisten = \"127.0.0.1:0\"\n[mqtt]\n"
							       "url = \"mqtt://127.0.0.1:" +
							       broker.port() + "\"\ntopic_prefix = \"zanryo/test\"\n");
		process_ = std::make_unique<Process>(binaryPath("export/zanryo-export"),
						     std::vector<std::string>{ "--config", config, "--bus", bus.address() });
	}
	Process &process() { return *process_; }

private:
	TempDir dir_;
	std::unique_ptr<Process> process_;
};

/// The payload of the last line for \a topic in \a sub's output; nullopt when none yet.
std::optional<std::string> lastPayload(Process &sub, const std::string &topic)
{
	std::string out = sub.stdoutText();
	std::optional<std::string> last;
	std::size_t at = 0;
	while ((at = out.find(topic + " ", at)) != std::string::npos) {
		if (at == 0 || out[at - 1] == '\n') {
			auto end = out.find('\n', at);
			if (end == std::string::npos)
				break;
			last = out.substr(at + topic.size() + 1, end - at - topic.size() - 1);
		}
		at += topic.size();
	}
	return last;
}

bool waitPayload(Process &sub, const std::string &topic, const std::function<bool(const std::string &)> &pred,
		 Deadline deadline)
{
	return waitUntil([&] {
		auto p = lastPayload(sub, topic);
		return p && pred(*p);
	}, deadline);
}

std::string modemIdFrom(Process &sub, Deadline deadline)
{
	std::smatch m;
	std::string out;
	waitUntil([&] {
		out = sub.stdoutText();
		return std::regex_search(out, m, std::regex("homeassistant/sensor/zanryo_([0-9a-f]+)/money/config "));
	}, deadline);
	return m.empty() ? std::string() : std::string(m[1]);
}

TEST(ExportMqtt, discoveryStateRefreshButtonAndLastWill)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	Broker broker(freePort());
	Zanryod daemon(bus, { ussdConfig(sim.link()), {}, {} });
	daemon.waitReady();
	auto sub = subscriber(broker);
	Exporter exporter(bus, broker);

	std::string id = modemIdFrom(*sub, within(30s));
	ASSERT_FALSE(id.empty()) << sub->stdoutText() << exporter.process().stderrText();
	const std::string base = "zanryo/test/" + id;

	// Discovery: valid JSON with what Home Assistant requires, one device per modem.
	auto money = lastPayload(*sub, "homeassistant/sensor/zanryo_" + id + "/money/config");
	ASSERT_TRUE(money);
	json c = json::parse(*money);
	EXPECT_EQ(c["unique_id"], "zanryo_" + id + "_money");
	EXPECT_EQ(c["state_topic"], base + "/state");
	EXPECT_EQ(c["unit_of_measurement"], "RUB");
	EXPECT_EQ(c["device"]["identifiers"][0], "zanryo_" + id);
	EXPECT_EQ(c["device"]["model"], "E3372");
	auto data = lastPayload(*sub, "homeassistant/sensor/zanryo_" + id + "/data_remaining/config");
	ASSERT_TRUE(data) << sub->stdoutText();
	EXPECT_EQ(json::parse(*data)["device_class"], "data_size");
	ASSERT_TRUE(waitPayload(*sub, "homeassistant/button/zanryo_" + id + "/refresh/config",
				[](const std::string &p) { return json::parse(p).contains("command_topic"); }, within(5s)));
	// The carrier's reading gives an estimate; the simulated modem has no network
	// interface to count, so "used this period" is not announced.
	EXPECT_TRUE(lastPayload(*sub, "homeassistant/sensor/zanryo_" + id + "/estimated_remaining/config"));
	EXPECT_FALSE(lastPayload(*sub, "homeassistant/sensor/zanryo_" + id + "/used_this_period/config"));
	EXPECT_TRUE(waitPayload(*sub, "zanryo/test/status", [](const std::string &p) { return p == "online"; }, within(5s)));
	EXPECT_TRUE(waitPayload(*sub, base + "/availability", [](const std::string &p) { return p == "online"; }, within(5s)));
	EXPECT_TRUE(waitPayload(*sub, base + "/state",
				[](const std::string &p) { return json::parse(p).value("money", "") == "125.50"; }, within(10s)))
		<< sub->stdoutText();

	// A refused Refresh makes the state stale...
	ASSERT_EQ(sim.control("cusd-status 4"), "ok");
	bus.busctl({ "call", kService, "/org/zanryo/Zanryo1/modem/" + id, kBalance, "Refresh" }, 40s);
	EXPECT_TRUE(waitPayload(*sub, base + "/state",
				[](const std::string &p) { return json::parse(p).value("stale", "") == "ON"; }, within(10s)))
		<< sub->stdoutText();
	// ... and the Refresh button makes it fresh again.
	ASSERT_EQ(sim.control("cusd-status 0"), "ok");
	auto pub = Process::run("mosquitto_pub", { "-h", "127.0.0.1", "-p", broker.port(), "-q", "1", "-t",
						   base + "/refresh", "-m", "PRESS" },
				10s);
	ASSERT_EQ(pub.exitCode, 0) << pub.err;
	EXPECT_TRUE(waitPayload(*sub, base + "/state",
				[](const std::string &p) { return json::parse(p).value("stale", "") == "OFF"; }, within(20s)))
		<< sub->stdoutText() << exporter.process().stderrText();

	// kill -9: the broker publishes the last will.
	exporter.process().signal(SIGKILL);
	EXPECT_TRUE(waitPayload(*sub, "zanryo/test/status", [](const std::string &p) { return p == "offline"; }, within(10s)))
		<< sub->stdoutText();
}

TEST(ExportMqtt, brokerRestartAndZanryodRestart)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	int port = freePort();
	auto broker = std::make_unique<Broker>(port);
	TempDir state;
	auto daemon = std::make_unique<Zanryod>(bus, Zanryod::Options{ ussdConfig(sim.link()), {}, state.path() });
	daemon->waitReady();
	Exporter exporter(bus, *broker);
	{
		auto sub = subscriber(*broker);
		ASSERT_FALSE(modemIdFrom(*sub, within(30s)).empty()) << exporter.process().stderrText();
	}

	// The broker restarts with nothing retained: zanryo-export reconnects and republishes.
	broker.reset();
	broker = std::make_unique<Broker>(port);
	auto sub = subscriber(*broker);
	std::string id = modemIdFrom(*sub, within(20s));
	ASSERT_FALSE(id.empty()) << exporter.process().stderrText();
	const std::string base = "zanryo/test/" + id;
	EXPECT_TRUE(waitPayload(*sub, base + "/state",
				[](const std::string &p) { return json::parse(p).value("money", "") == "125.50"; }, within(10s)));
	EXPECT_TRUE(waitPayload(*sub, "zanryo/test/status", [](const std::string &p) { return p == "online"; }, within(5s)));

	// zanryod away: the modem is unavailable; back: available again.
	daemon.reset();
	EXPECT_TRUE(waitPayload(*sub, base + "/availability", [](const std::string &p) { return p == "offline"; }, within(10s)))
		<< sub->stdoutText();
	Zanryod again(bus, { ussdConfig(sim.link()), {}, state.path() });
	again.waitReady();
	EXPECT_TRUE(waitPayload(*sub, base + "/availability", [](const std::string &p) { return p == "online"; }, within(20s)))
		<< sub->stdoutText();
	EXPECT_TRUE(exporter.process().running());
}

} // namespace
} // namespace zanryo::test
