#!/usr/bin/perl
# po-update.pl — keeps po/es.po and po/en.po in step with the code.
#   scripts/po-update.pl [ADDITIONS.tsv]
# Reads every message id in use (scripts/msgids.pl), keeps the translations
# po/es.po already has, adds those given in ADDITIONS.tsv (lines "id<TAB>texto",
# written as they appear in C: \" and \\n escapes), and rewrites both catalogs
# sorted by id. po/en.po carries every id with an empty msgstr (English is the
# source text). Ids no longer used are dropped. Prints the ids still missing a
# Spanish translation and exits 1 if there are any.
use strict;
use warnings;

my %es;
sub load {
	my ($file) = @_;
	open my $fh, '<:encoding(UTF-8)', $file or return;
	my ($id, $str, $which);
	my $flush = sub { $es{$id} = $str if defined $id && length $id && defined $str && length $str; };
	while (<$fh>) {
		if (/^msgid\s+"(.*)"\s*$/) { $flush->(); $id = $1; $str = undef; $which = 'id'; }
		elsif (/^msgstr\s+"(.*)"\s*$/) { $str = $1; $which = 'str'; }
		elsif (/^"(.*)"\s*$/) { if ($which eq 'id') { $id .= $1 } else { $str .= $1 } }
	}
	$flush->();
}
load('po/es.po');
if (@ARGV) {
	open my $fh, '<:encoding(UTF-8)', $ARGV[0] or die "$ARGV[0]: $!";
	while (<$fh>) {
		chomp;
		next if /^\s*(#|$)/;
		my ($id, $str) = split /\t/, $_, 2;
		die "$ARGV[0]:$.: expected id<TAB>translation\n" unless defined $str && length $str;
		$es{$id} = $str;
	}
}
open my $ids_fh, '-|:encoding(UTF-8)', 'scripts/msgids.pl' or die "msgids.pl: $!";
my @ids = map { chomp; $_ } <$ids_fh>;
close $ids_fh or die "msgids.pl failed\n";

sub write_po {
	my ($file, $lang, $tr) = @_;
	open my $out, '>:encoding(UTF-8)', "$file.tmp" or die "$file: $!";
	print $out "# minka message catalog — $lang (generated order; edit translations freely,\n";
	print $out "# then run scripts/po-update.pl to re-sort and check).\n";
	print $out "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Language: $lang\\n\"\n\n";
	for my $id (@ids) {
		my $s = $tr ? ($tr->{$id} // '') : '';
		print $out "msgid \"$id\"\nmsgstr \"$s\"\n\n";
	}
	close $out;
	rename "$file.tmp", $file or die "$file: $!";
}
write_po('po/es.po', 'es', \%es);
write_po('po/en.po', 'en', undef);
my @missing = grep { !defined $es{$_} } @ids;
binmode STDOUT, ':encoding(UTF-8)';
print "untranslated: $_\n" for @missing;
exit(@missing ? 1 : 0);
