#!/usr/bin/perl
# msgids.pl — lists every user-visible message id in minka: {{t "..."}} in
# templates, and in C the texts given to tr(), req_tr(), trf(), err_set(),
# err_prefix() and N_(). One per line, unique, sorted. Used by the catalog test
# (every id must be translated in po/es.po) and to update the catalogs:
#   scripts/msgids.pl --missing po/es.po   lists ids the catalog lacks
use strict;
use warnings;

my %ids;
my $str = qr/"((?:[^"\\]|\\.)*)"/;
sub add { my ($s) = @_; $ids{$s} = 1 if length $s; }

for my $f (glob("web/templates/*.html")) {
	open my $fh, '<:encoding(UTF-8)', $f or die "$f: $!";
	local $/; my $t = <$fh>;
	add($1) while $t =~ /\{\{t\s+$str\s*\}\}/g;
}
for my $f (glob("src/*/*.c src/*.c")) {
	open my $fh, '<:encoding(UTF-8)', $f or die "$f: $!";
	local $/; my $t = <$fh>;
	# a run of adjacent string literals
	my $lit = qr/((?:"(?:[^"\\]|\\.)*"\s*)+)/;
	my @found;
	push @found, $1 while $t =~ /\b(?:tr|req_tr)\(\s*[^,()]+(?:\([^()]*\))?\s*,\s*$lit\)/g;
	push @found, $1 while $t =~ /\btrf\([^,]+,[^,]+,[^,]+,\s*$lit/g;
	push @found, $1 while $t =~ /\berr_set\([^,]+,\s*[A-Za-z_0-9>.\->]+\s*,\s*$lit/g;
	push @found, $1 while $t =~ /\berr_prefix\([^,]+,\s*$lit/g;
	push @found, $1 while $t =~ /\bcli_error\(\s*$lit/g;
	push @found, $1 while $t =~ /\bN_\(\s*$lit\)/g;
	for my $l (@found) {
		my $s = join '', ($l =~ /"((?:[^"\\]|\\.)*)"/g);
		add($s);
	}
}

sub po_ids {
	my ($file) = @_;
	open my $fh, '<:encoding(UTF-8)', $file or die "$file: $!";
	my (%have, $cur, $which, $id, $str);
	my $flush = sub { $have{$id} = $str if defined $id && length $id; };
	while (<$fh>) {
		if (/^msgid\s+"(.*)"\s*$/) { $flush->(); $id = $1; $str = undef; $which = 'id'; }
		elsif (/^msgstr\s+"(.*)"\s*$/) { $str = $1; $which = 'str'; }
		elsif (/^"(.*)"\s*$/) { if ($which eq 'id') { $id .= $1 } else { $str .= $1 } }
	}
	$flush->();
	return \%have;
}

binmode STDOUT, ':encoding(UTF-8)';
if (@ARGV && $ARGV[0] eq '--missing') {
	my $have = po_ids($ARGV[1]);
	my $n = 0;
	for my $k (sort keys %ids) {
		next if defined $have->{$k} && length $have->{$k};
		print "$k\n"; $n++;
	}
	exit($n ? 1 : 0);
}
print "$_\n" for sort keys %ids;
