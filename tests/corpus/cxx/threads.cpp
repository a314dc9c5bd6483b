// threads.cpp — C++ as people write it with mingw-w64's posix flavour:
// std::thread, std::mutex, std::condition_variable, std::async and
// futures, thread_local, exceptions carried across threads by
// std::exception_ptr, iostream formatting; libstdc++-6.dll,
// libgcc_s_seh-1.dll and libwinpthread-1.dll beside it.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <iomanip>
#include <iostream>
#include <map>
#include <mutex>
#include <numeric>
#include <queue>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

thread_local int tls_counter = 0;

struct parse_error : std::runtime_error {
	int line;
	parse_error(const std::string &m, int l) : std::runtime_error(m), line(l) {}
};

static long long partial_sum(int from, int to)
{
	long long s = 0;
	for (int i = from; i < to; i++) {
		s += (long long)i * i;
		tls_counter++;
	}
	return s;
}

static int parse(const std::string &s, int line)
{
	std::size_t used = 0;
	int v = 0;
	try {
		v = std::stoi(s, &used);
	} catch (const std::invalid_argument &) {
		throw parse_error("not a number: " + s, line);
	}
	if (used != s.size())
		throw parse_error("trailing characters in " + s, line);
	return v;
}

int main()
{
	// Threads summing parts of a range, joined in order.
	std::vector<std::thread> workers;
	std::vector<long long> sums(4);
	std::vector<int> counts(4);
	for (int t = 0; t < 4; t++)
		workers.emplace_back([t, &sums, &counts] {
			sums[t] = partial_sum(t * 25000, (t + 1) * 25000);
			counts[t] = tls_counter;
		});
	for (auto &w : workers)
		w.join();
	std::cout << "sums:";
	for (auto s : sums)
		std::cout << ' ' << s;
	std::cout << "\ntotal " << std::accumulate(sums.begin(), sums.end(), 0LL)
		  << ", per-thread counters " << counts[0] << ' ' << counts[3]
		  << ", main's " << tls_counter << '\n';

	// A producer and a consumer with a mutex and a condition variable.
	std::mutex m;
	std::condition_variable cv;
	std::queue<int> q;
	bool done = false;
	std::thread producer([&] {
		for (int i = 1; i <= 100; i++) {
			std::lock_guard<std::mutex> g(m);
			q.push(i);
			cv.notify_one();
		}
		std::lock_guard<std::mutex> g(m);
		done = true;
		cv.notify_one();
	});
	long consumed = 0;
	int items = 0;
	for (;;) {
		std::unique_lock<std::mutex> l(m);
		cv.wait(l, [&] { return !q.empty() || done; });
		while (!q.empty()) {
			consumed += q.front();
			q.pop();
			items++;
		}
		if (done)
			break;
	}
	producer.join();
	std::cout << "consumed " << items << " items, sum " << consumed << '\n';

	// std::async, futures, an exception carried back from a thread.
	auto f1 = std::async(std::launch::async, [] { return partial_sum(0, 1000); });
	auto f2 = std::async(std::launch::async, [] { return parse("12x", 7); });
	std::cout << "async " << f1.get() << '\n';
	try {
		f2.get();
	} catch (const parse_error &e) {
		std::cout << "from the thread: " << e.what() << " (line " << e.line << ")\n";
	}
	std::promise<std::string> p;
	std::future<std::string> fs = p.get_future();
	std::thread([&p] { p.set_value("promised"); }).join();
	std::cout << fs.get() << '\n';

	// Atomics from many threads.
	std::atomic<int> hits{0};
	std::vector<std::thread> ts;
	for (int t = 0; t < 8; t++)
		ts.emplace_back([&hits] {
			for (int i = 0; i < 1000; i++)
				hits.fetch_add(1, std::memory_order_relaxed);
		});
	for (auto &t : ts)
		t.join();
	std::cout << "atomic hits " << hits << '\n';

	// Exceptions: nested, rethrown, by base class, from a destructor's
	// neighbour; iostream formatting.
	std::map<std::string, int> table;
	const char *inputs[] = {"10", "-3", "abc", "4.5", "2147483648", "7"};
	int line = 0;
	for (const char *in : inputs) {
		line++;
		try {
			try {
				table[in] = parse(in, line);
			} catch (const std::out_of_range &) {
				std::cout << "out of range, rethrown as ";
				throw std::overflow_error(std::string("too big: ") + in);
			}
		} catch (const parse_error &e) {
			std::cout << "parse_error at " << e.line << ": " << e.what() << '\n';
		} catch (const std::exception &e) {
			std::cout << "std::exception: " << e.what() << '\n';
		}
	}
	for (const auto &kv : table)
		std::cout << std::setw(6) << std::left << kv.first << '|'
			  << std::setw(5) << std::right << kv.second << '|'
			  << std::hex << std::showbase << kv.second << std::dec
			  << std::noshowbase << '\n';
	std::ostringstream os;
	os << std::fixed << std::setprecision(3) << 3.14159 << ' '
	   << std::scientific << 123456.789 << ' ' << std::defaultfloat << 0.1
	   << ' ' << std::boolalpha << true;
	std::cout << os.str() << '\n';
	std::this_thread::sleep_for(std::chrono::milliseconds(1));
	std::cerr << "to stderr\n";
	return 0;
}
