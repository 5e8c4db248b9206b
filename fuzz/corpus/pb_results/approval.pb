META
key;value
budget;100
vote_type;approval
rule;greedy-no-skip
min_project_score_threshold;1
PROJECTS
project_id;cost;name;category;selected
a;40;"Plaza; ""central""";culture,sport;1
b;60.5;Orlik "Pole";None;0
c;0;;;0
VOTES
voter_id;vote
1;a,b
2;b,a,a
3;c
4;
