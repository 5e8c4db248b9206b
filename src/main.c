/* main.c — minka: one binary for the web server and every command-line tool. */
#include "core/compat.h"
#include "cli/cli.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
