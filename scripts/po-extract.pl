#!/usr/bin/perl
# po-extract.pl — prints the translations of a .po file as "id<TAB>text" lines, the
# input format of po-update.pl (used when merging catalogs from two branches):
#   git show other:po/es.po > /tmp/x.po; scripts/po-extract.pl /tmp/x.po > /tmp/x.tsv
use strict;
use warnings;
open my $fh, '<:encoding(UTF-8)', $ARGV[0] or die "$ARGV[0]: $!";
binmode STDOUT, ':encoding(UTF-8)';
my ($id, $str, $which);
my $flush = sub { print "$id\t$str\n" if defined $id && length $id && defined $str && length $str; };
while (<$fh>) {
	if (/^msgid\s+"(.*)"\s*$/) { $flush->(); $id = $1; $str = undef; $which = 'id'; }
	elsif (/^msgstr\s+"(.*)"\s*$/) { $str = $1; $which = 'str'; }
	elsif (/^"(.*)"\s*$/) { if ($which eq 'id') { $id .= $1 } else { $str .= $1 } }
}
$flush->();
