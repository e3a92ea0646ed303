// Connects to the bus given as argument and prints zanryod's version, or the D-Bus error
// name when it cannot: enough to prove the installed header and library work together.
#include <cstdio>

#include <zanryo/client.hpp>

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	try {
		zanryo::client::Client client(argv[1]);
		std::printf("version %s\n", client.version().c_str());
	} catch (const zanryo::client::Error &e) {
		std::printf("error %s\n", e.name().c_str());
	}
	std::printf("%s\n", zanryo::client::formatBytes(1342177280).c_str());
	return 0;
}
