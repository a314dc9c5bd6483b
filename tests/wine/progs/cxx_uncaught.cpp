// cxx_uncaught.cpp — an exception nobody catches: RaiseException finds no
// handler, mingw's unhandled-exception filter lets it continue, and
// std::terminate ends the process (abort: exit code 3).  Output written
// before it stays (it was flushed).
#include <cstdio>
#include <stdexcept>

static void thrower()
{
	throw std::logic_error("nobody catches this");
}

int main()
{
	printf("before\n");
	fflush(stdout);
	thrower();
	printf("not reached\n");
	return 0;
}
