// cxx.cpp — C++ exceptions through Windows x64 SEH (libgcc's unwinder
// calling RaiseException, RtlVirtualUnwind, RtlUnwindEx): catch by type,
// destructors run while unwinding, rethrow, exceptions crossing frames of
// several functions and threads, and std::string/vector/iostream.
#include <cstdio>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>
#include <windows.h>

static std::ostringstream trace;

struct Guard {
	const char *name;
	explicit Guard(const char *n) : name(n)
	{
		trace << "+" << name;
	}
	~Guard()
	{
		trace << "-" << name;
	}
};

static int depth(int n)
{
	Guard g(n % 2 ? "odd" : "even");
	if (n == 0)
		throw std::runtime_error("bottom reached");
	return depth(n - 1) + 1;
}

static void rethrower()
{
	try {
		throw 42;
	} catch (int &x) {
		x++;
		throw;
	}
}

static DWORD WINAPI thread_main(LPVOID arg)
{
	try {
		depth((int)(INT_PTR)arg);
	} catch (const std::exception &e) {
		return (DWORD)std::string(e.what()).size();
	}
	return 0;
}

int main()
{
	std::vector<std::string> v{"alpha", "beta", "gamma"};
	for (const auto &s : v)
		std::cout << s << ' ';
	std::cout << std::endl;

	try {
		depth(5);
	} catch (const std::exception &e) {
		std::cout << "caught: " << e.what() << std::endl;
	}
	std::cout << "trace: " << trace.str() << std::endl;

	try {
		rethrower();
	} catch (int x) {
		std::cout << "rethrown " << x << std::endl;
	}

	try {
		throw std::string("a string");
	} catch (const char *) {
		std::cout << "wrong handler" << std::endl;
	} catch (const std::string &s) {
		std::cout << "string: " << s << std::endl;
	}

	int caught = 0;
	for (int i = 0; i < 1000; i++) {
		try {
			if (i % 3 == 0)
				throw i;
		} catch (int) {
			caught++;
		}
	}
	std::cout << "caught " << caught << " of 1000" << std::endl;

	HANDLE th[3];
	for (int i = 0; i < 3; i++)
		th[i] = CreateThread(NULL, 0, thread_main,
				     (LPVOID)(INT_PTR)(i + 2), 0, NULL);
	WaitForMultipleObjects(3, th, TRUE, INFINITE);
	for (int i = 0; i < 3; i++) {
		DWORD code;
		GetExitCodeThread(th[i], &code);
		std::cout << "thread " << i << " what() length " << code
			  << std::endl;
		CloseHandle(th[i]);
	}
	printf("printf still fine %d\n", 7);
	return 0;
}
