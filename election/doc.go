// Package election holds psephos's shared vocabulary for results of
// candidate elections: an [Election] is a set of [Contest]s (constituencies),
// each with [Candidate]s who stand for a [Party] and receive votes, placed in
// [Area]s such as a nation or a region.
//
// Vote counts are integers (int64 votes). Counts a source does not give, such
// as the electorate or the number of rejected ballots, are [Unknown].
//
// Party-list results — votes per party nationally or by district, with the
// constituency seats a party won for mixed systems — are a [PartyVotes]
// table of [District]s and [List]s.
//
// The package validates values ([Election.Validate]) and carries source
// positions ([Pos]) so that an error about a value names the file and line
// it came from. It does not read files, count, or print: readers live in
// format/..., counting in plurality/ and the other counting packages.
package election
