/*
 * main.c — the `dllshare` executable: the loader's command, with the
 * runtime's built-in modules and hooks.
 */
#include "loader/ld.h"
#include "runtime/core/rt.h"

int main(int argc, char **argv)
{
	return ld_main(argc, argv, rt_host());
}
