# The help of the built module: Get-Help for every cmdlet and the about topic, the docs/ pages against the
# cmdlets' real parameters (drift), the help build itself, and the examples of the pages run on the fixtures.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $DocsPath = Join-Path $PSScriptRoot '../docs'
    Import-Module (Join-Path $DocsPath 'build/MarkdownToMaml.psm1') -Force
    $Cmdlets = @((Get-Module Mp4Timing).ExportedCmdlets.Keys | Sort-Object | ForEach-Object { @{ Name = $_ } })
    $Examples = @(foreach ($page in Get-ChildItem $DocsPath -Filter '*.md' -File | Sort-Object Name) {
            foreach ($example in Get-HelpMarkdownExample (Read-HelpMarkdown $page.FullName)) {
                @{ Command = $page.BaseName; Number = $example.Number; Title = $example.Title }
            }
        })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    $DocsPath = (Resolve-Path (Join-Path $PSScriptRoot '../docs')).ProviderPath
    Import-Module (Join-Path $DocsPath 'build/MarkdownToMaml.psm1') -Force
    # -WhatIf and -Confirm are documented on the page of a cmdlet that supports ShouldProcess, as PlatyPS documents them.
    $CommonParameters = [System.Management.Automation.Cmdlet]::CommonParameters + 'UseTransaction'

    function Get-PipelineText($Metadata) {
        $kinds = @()
        if ($Metadata.ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
        if ($Metadata.ValueFromPipeline) { $kinds += 'ByValue' }
        if ($kinds.Count) { "True ($($kinds -join ', '))" } else { 'False' }
    }

    function Compare-HelpPage {
        <#
            The differences between a cmdlet (its real metadata) and its parsed page: parameter names, types,
            parameter sets, required, position, pipeline input, aliases, accepted values, wildcards, and the
            SYNTAX blocks. Returns one line per difference; none when they agree.
        #>
        param([System.Management.Automation.CommandInfo] $Command, $Page)
        $diff = [System.Collections.Generic.List[string]]::new()
        $parameters = @($Command.Parameters.Values | Where-Object { $CommonParameters -notcontains $_.Name })
        $documented = @($Page.Parameters | ForEach-Object Name)
        foreach ($name in $parameters.Name) { if ($documented -notcontains $name) { $diff.Add("-$name is not documented") } }
        foreach ($name in $documented) { if ($parameters.Name -notcontains $name) { $diff.Add("-$name is documented but the cmdlet has no such parameter") } }
        if (-not $Page.SupportsCommonParameters) { $diff.Add('the CommonParameters entry is missing') }

        foreach ($parameter in $parameters) {
            $doc = $Page.Parameters | Where-Object Name -eq $parameter.Name | Select-Object -First 1
            if (-not $doc) { continue }
            $setNames = @($parameter.ParameterSets.Keys)
            $allSets = $setNames -contains '__AllParameterSets'
            $covered = @{}
            foreach ($entry in $doc.Entries) {
                $where = "-$($parameter.Name) [$($entry.ParameterSets -join ', ')]"
                if ($entry.Type -ne $parameter.ParameterType.Name -and $entry.Type -ne $parameter.ParameterType.FullName) {
                    $diff.Add("$where Type is '$($entry.Type)', the cmdlet's is $($parameter.ParameterType.FullName)")
                }
                $aliases = @($parameter.Aliases | Sort-Object)
                if ((@($entry.Aliases | Sort-Object) -join ',') -ne ($aliases -join ',')) {
                    $diff.Add("$where Aliases are '$($entry.Aliases -join ', ')', the cmdlet's are '$($aliases -join ', ')'")
                }
                $elementType = if ($parameter.ParameterType.IsArray) { $parameter.ParameterType.GetElementType() } else { $parameter.ParameterType }
                $accepted = @(if ($elementType.IsEnum) { [enum]::GetNames($elementType) })
                $validateSet = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
                if ($validateSet) { $accepted = @($validateSet.ValidValues) }
                if (($entry.AcceptedValues -join ',') -ne ($accepted -join ',')) {
                    $diff.Add("$where Accepted values are '$($entry.AcceptedValues -join ', ')', the cmdlet's are '$($accepted -join ', ')'")
                }
                $globbing = [bool]($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
                if ($entry.Globbing -ne $globbing) { $diff.Add("$where Accept wildcard characters is $($entry.Globbing), the cmdlet's is $globbing") }

                $sets = if ($entry.ParameterSets -contains '(All)') {
                    if (-not $allSets) { $diff.Add("$where says (All), the parameter is only in the sets $($setNames -join ', ')") }
                    @($Command.ParameterSets.Name)
                }
                else { @($entry.ParameterSets) }
                foreach ($set in $sets) {
                    $metadata = if ($parameter.ParameterSets.ContainsKey($set)) { $parameter.ParameterSets[$set] } elseif ($allSets) { $parameter.ParameterSets['__AllParameterSets'] } else { $null }
                    if (-not $metadata) { $diff.Add("$where names the set '$set', which the parameter is not in"); continue }
                    $covered[$set] = $true
                    if ($entry.Required -ne $metadata.IsMandatory) { $diff.Add("$where Required is $($entry.Required) in '$set', the cmdlet's is $($metadata.IsMandatory)") }
                    $position = if ($metadata.Position -ge 0) { [string]$metadata.Position } else { 'Named' }
                    if ($entry.Position -ne $position) { $diff.Add("$where Position is '$($entry.Position)' in '$set', the cmdlet's is $position") }
                    $pipeline = Get-PipelineText $metadata
                    if ($entry.PipelineInput -ne $pipeline) { $diff.Add("$where Accept pipeline input is '$($entry.PipelineInput)' in '$set', the cmdlet's is '$pipeline'") }
                }
            }
            $expectedSets = if ($allSets) { @($Command.ParameterSets.Name) } else { $setNames }
            foreach ($set in $expectedSets) { if (-not $covered.ContainsKey($set)) { $diff.Add("-$($parameter.Name): no yaml block covers the set '$set'") } }
        }

        $syntax = @(Get-HelpSyntaxText -Command $Command)
        $pageSets = @($Page.Syntax | ForEach-Object { if ($_.IsDefault) { "$($_.SetName) (Default)" } else { $_.SetName } })
        $realSets = @($syntax | ForEach-Object { if ($_.Heading) { $_.Heading } else { '(All)' } })
        if (($pageSets -join ' | ') -ne ($realSets -join ' | ')) { $diff.Add("SYNTAX has the sets '$($pageSets -join ' | ')', the cmdlet's are '$($realSets -join ' | ')'") }
        foreach ($block in $syntax) {
            $name = if ($block.Heading) { $block.SetName } else { '(All)' }
            $pageBlock = $Page.Syntax | Where-Object SetName -eq $name | Select-Object -First 1
            if (-not $pageBlock) { continue }
            $normalize = { param($text) ($text -replace '\s+', ' ').Trim() }
            if ((& $normalize $pageBlock.Text) -cne (& $normalize $block.Text)) {
                $diff.Add("SYNTAX of '$name' is '$(& $normalize $pageBlock.Text)', the cmdlet's is '$(& $normalize $block.Text)'")
            }
        }
        return , $diff
    }
}

Describe 'Help: Get-Help for <Name>' -ForEach $Cmdlets {
    BeforeAll {
        $help = Get-Help $Name -Full
        $page = Read-HelpMarkdown (Join-Path $DocsPath "$Name.md")
    }

    It 'has a written synopsis, not the one PowerShell makes up from the syntax' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -BeLike "$Name *"
        $help.Synopsis.Trim() | Should -Not -Match '\[<CommonParameters>\]|\{\{'
        $help.Synopsis.Trim() | Should -Be ($page.Synopsis -join ' ')
    }

    It 'has a description' {
        ($help.description | ForEach-Object Text) -join ' ' | Should -Match '\w{4,}'
    }

    It 'has at least two examples, each with code and remarks' {
        $examples = @((Get-Help $Name -Examples).examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.code | Should -Not -BeNullOrEmpty
            (($example.remarks | ForEach-Object Text) -join '').Trim() | Should -Not -BeNullOrEmpty -Because $example.title
        }
    }

    It 'describes every parameter, with its metadata' {
        $parameters = @((Get-Command $Name).Parameters.Values | Where-Object { $CommonParameters -notcontains $_.Name })
        $parameters.Count | Should -BeGreaterThan 0
        foreach ($parameter in $parameters) {
            $entry = Get-Help $Name -Parameter $parameter.Name
            (($entry.description | ForEach-Object Text) -join ' ').Trim() | Should -Match '\w{4,}' -Because "-$($parameter.Name) needs a description"
            $mandatory = [bool]($parameter.ParameterSets.Values | Where-Object IsMandatory)
            $entry.required | Should -Be $mandatory.ToString().ToLowerInvariant() -Because "-$($parameter.Name)"
            $entry.type.name | Should -Be $parameter.ParameterType.Name -Because "-$($parameter.Name)"
        }
    }

    It 'names the output types of the cmdlet' {
        $documented = @($help.returnValues.returnValue | ForEach-Object { $_.type.name } | Sort-Object)
        $documented | Should -Be @((Get-Command $Name).OutputType.Name | Sort-Object)
    }

    It 'keeps its page in the PlatyPS schema: front matter and sections' {
        $page.Metadata['external help file'] | Should -Be 'Mp4Timing.dll-Help.xml'
        $page.Metadata['Module Name'] | Should -Be 'Mp4Timing'
        $page.Metadata['schema'] | Should -Be '2.0.0'
        $page.Metadata.Contains('online version') | Should -BeTrue
        $headings = @(Get-Content (Join-Path $DocsPath "$Name.md") | Where-Object { $_ -match '^## ' })
        $headings | Should -Be @('## SYNOPSIS', '## SYNTAX', '## DESCRIPTION', '## EXAMPLES', '## PARAMETERS', '## INPUTS', '## OUTPUTS', '## NOTES', '## RELATED LINKS')
        foreach ($example in $page.Examples) { $example.Title | Should -Match '^Example \d+: \S' }
        @($page.Examples | ForEach-Object { [int]($_.Title -replace '^Example (\d+):.*$', '$1') }) | Should -Be (1..$page.Examples.Count)
    }

    It 'documents exactly the parameters of the cmdlet (drift: names, types, sets, required, position, pipeline, aliases, wildcards, SYNTAX)' {
        $differences = Compare-HelpPage -Command (Get-Command $Name) -Page $page
        $differences | Should -BeNullOrEmpty -Because ($differences -join "`n")
    }
}

Describe 'Help: the drift check' {
    BeforeAll {
        $command = Get-Command Get-Mp4SampleTiming
        $path = Join-Path $DocsPath 'Get-Mp4SampleTiming.md'
        $text = Get-Content -Raw $path
        function Read-Changed([string] $Old, [string] $New) {
            $file = Join-Path $TestDrive "Get-Mp4SampleTiming-$([guid]::NewGuid().ToString('N')).md"
            $text.Contains($Old) | Should -BeTrue -Because "the page holds '$Old'"
            Set-Content -Path $file -Value ($text.Replace($Old, $New)) -NoNewline
            Read-HelpMarkdown $file
        }
    }

    It 'finds no difference on the page as it is' {
        Compare-HelpPage -Command $command -Page (Read-HelpMarkdown $path) | Should -BeNullOrEmpty
    }

    It 'fails when <What>' -ForEach @(
        @{ What = 'a parameter is missing'; Old = '### -TrackId'; New = '### -TrackIdentifier'; Expect = '-TrackId is not documented' }
        @{ What = 'a type is wrong'; Old = "Type: Int32[]"; New = 'Type: Int64[]'; Expect = 'Type is' }
        @{ What = 'Required is wrong'; Old = "Parameter Sets: Path`nAliases:`n`nRequired: True"; New = "Parameter Sets: Path`nAliases:`n`nRequired: False"; Expect = 'Required is False' }
        @{ What = 'the position is wrong'; Old = 'Position: 0'; New = 'Position: 1'; Expect = "Position is '1'" }
        @{ What = 'pipeline input is wrong'; Old = 'Accept pipeline input: True (ByPropertyName, ByValue)'; New = 'Accept pipeline input: False'; Expect = 'Accept pipeline input' }
        @{ What = 'a parameter set is wrong'; Old = 'Parameter Sets: LiteralPath'; New = 'Parameter Sets: (All)'; Expect = 'says (All)' }
        @{ What = 'an alias is missing'; Old = 'Aliases: PSPath, LP'; New = 'Aliases: PSPath'; Expect = 'Aliases are' }
        @{ What = 'the SYNTAX is stale'; Old = '[-Kind <String[]>] [-InitSegment <String>] [<CommonParameters>]'; New = '[-InitSegment <String>] [<CommonParameters>]'; Expect = 'SYNTAX of' }
    ) {
        $differences = Compare-HelpPage -Command $command -Page (Read-Changed $Old $New)
        ($differences -join "`n") | Should -Match ([regex]::Escape($Expect))
    }
}

Describe 'Help: the help build' {
    It 'puts the MAML and the about topics in the module''s en-US folder' {
        Join-Path $ModuleRoot 'en-US/Mp4Timing.dll-Help.xml' | Should -Exist
        Join-Path $ModuleRoot 'en-US/about_Mp4Timing.help.txt' | Should -Exist
        Join-Path $ModuleRoot 'en-US/about_Mp4TimingRules.help.txt' | Should -Exist
    }

    It 'writes MAML as PlatyPS does: one command:command per cmdlet with its sections in order' {
        [xml] $maml = Get-Content -Raw (Join-Path $ModuleRoot 'en-US/Mp4Timing.dll-Help.xml')
        $maml.DocumentElement.LocalName | Should -Be 'helpItems'
        $maml.DocumentElement.NamespaceURI | Should -Be 'http://msh'
        $maml.DocumentElement.schema | Should -Be 'maml'
        $commands = @($maml.DocumentElement.ChildNodes | Where-Object LocalName -eq 'command')
        @($commands | ForEach-Object { $_.details.name } | Sort-Object) | Should -Be @((Get-Module Mp4Timing).ExportedCmdlets.Keys | Sort-Object)
        foreach ($command in $commands) {
            $command.NamespaceURI | Should -Be 'http://schemas.microsoft.com/maml/dev/command/2004/10'
            @($command.ChildNodes | ForEach-Object { "$($_.Prefix):$($_.LocalName)" }) |
                Should -Be @('command:details', 'maml:description', 'command:syntax', 'command:parameters', 'command:inputTypes', 'command:returnValues', 'maml:alertSet', 'command:examples', 'command:relatedLinks')
        }
    }

    It 'builds the same bytes twice without PlatyPS' {
        # How long it takes is measured by build.ps1 -Task Bench.
        $script = Join-Path $DocsPath 'build/Build-Help.ps1'
        $first = Join-Path $TestDrive 'first'
        $second = Join-Path $TestDrive 'second'
        & $script -DocsPath $DocsPath -OutputPath $first -NoPlatyPS
        & $script -DocsPath $DocsPath -OutputPath $second -NoPlatyPS
        foreach ($name in 'Mp4Timing.dll-Help.xml', 'about_Mp4Timing.help.txt', 'about_Mp4TimingRules.help.txt') {
            (Get-FileHash (Join-Path $first "en-US/$name")).Hash | Should -Be (Get-FileHash (Join-Path $second "en-US/$name")).Hash
        }
    }

    It 'keeps the about topic <_> in PlatyPS''s about schema' -ForEach 'about_Mp4Timing', 'about_Mp4TimingRules' {
        $headings = @(Get-Content (Join-Path $DocsPath "$_.md") | Where-Object { $_ -match '^#{1,2} ' })
        # PlatyPS takes a page for an about topic when its second heading is the about_ name.
        $headings[0..1] | Should -Be @("# $_", "## $_")
        foreach ($section in '## SHORT DESCRIPTION', '## LONG DESCRIPTION', '## EXAMPLES', '## SEE ALSO', '## KEYWORDS') { $headings | Should -Contain $section }
    }

    It 'keeps every line of the about topic <_> within 80 columns' -ForEach 'about_Mp4Timing', 'about_Mp4TimingRules' {
        $long = @(Get-Content (Join-Path $ModuleRoot "en-US/$_.help.txt") | Where-Object { $_.Length -gt 80 })
        $long | Should -BeNullOrEmpty
    }

    It 'explains every timing rule in about_Mp4TimingRules: its severity, its settings with their defaults, and a file that breaks it' {
        $text = Get-Content -Raw (Join-Path $DocsPath 'about_Mp4TimingRules.md')
        $sections = [regex]::Split($text, '(?m)^### ') | Select-Object -Skip 1
        foreach ($rule in Get-Mp4TimingRule) {
            $section = $sections | Where-Object { $_.StartsWith("$($rule.Name) ($($rule.Severity)") } | Select-Object -First 1
            $section | Should -Not -BeNullOrEmpty -Because "$($rule.Name) needs a section headed '### $($rule.Name) ($($rule.Severity))'"
            $section | Should -Match 'Triggered by: \S' -Because "$($rule.Name) names a file that breaks it"
            foreach ($setting in $rule.Settings) {
                $default = if ($setting.DefaultValue -is [string]) { "'$($setting.DefaultValue)'" } else { [string]$setting.DefaultValue }
                $section | Should -Match "$($setting.Name)[^.]*\(default $([regex]::Escape($default))[;)]" -Because "the section of $($rule.Name) gives the default of $($setting.Name)"
            }
            if (-not $rule.Settings.Count) { $section | Should -Match 'Settings: none\.' }
        }
    }

    It 'has a page for every exported cmdlet and no page for a cmdlet that is not exported' {
        $pages = @(Get-ChildItem $DocsPath -Filter '*.md' -File | Where-Object Name -notlike 'about_*' | ForEach-Object BaseName | Sort-Object)
        $pages | Should -Be @((Get-Module Mp4Timing).ExportedCmdlets.Keys | Sort-Object)
    }
}

Describe 'Help: Get-Help in a fresh pwsh' {
    BeforeAll {
        $manifest = Join-Path $ModuleRoot 'Mp4Timing.psd1'
        $run = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module '$manifest'
'=== FULL'; Get-Help Get-Mp4SampleTiming -Full | Out-String -Width 120
'=== EXAMPLES'; Get-Help Get-Mp4SampleTiming -Examples | Out-String -Width 120
'=== PARAMETER'; Get-Help Get-Mp4SampleTiming -Parameter TrackId | Out-String -Width 120
'=== ABOUT'; Get-Help about_Mp4Timing | Out-String -Width 120
'=== RULES'; Get-Help about_Mp4TimingRules | Out-String -Width 120
'=== END'
"@
        $sections = @{}
        foreach ($part in ($run.Text -split '(?m)^=== ') | Where-Object { $_ }) {
            $lines = $part -split "`r?`n", 2
            $sections[$lines[0].Trim()] = if ($lines.Count -gt 1) { $lines[1] } else { '' }
        }
    }

    It 'runs without error' {
        $run.ExitCode | Should -Be 0 -Because $run.Text
        $sections.Keys | Should -Contain 'END'
    }

    It 'Get-Help -Full shows synopsis, syntax, parameters, outputs and examples' {
        $full = $sections['FULL']
        $full | Should -Match 'Gets the decode, composition and presentation time of every sample'
        $full | Should -Match 'Get-Mp4SampleTiming \[-Path\] <String\[\]>'
        $full | Should -Match '-Convention <TimingConvention>'
        $full | Should -Match 'Mp4Timing\.SampleTiming'
        $full | Should -Match 'Example 2: '
    }

    It 'Get-Help -Examples shows the examples' {
        $sections['EXAMPLES'] | Should -Match 'Where-Object Pts -lt 1'
        $sections['EXAMPLES'] | Should -Match '-InitSegment dash/init-stream0\.m4s'
    }

    It 'Get-Help -Parameter TrackId shows the parameter' {
        $sections['PARAMETER'] | Should -Match '-TrackId <Int32\[\]>'
        $sections['PARAMETER'] | Should -Match 'track_ID'
        $sections['PARAMETER'] | Should -Match 'Required\?\s+false'
    }

    It 'Get-Help about_Mp4Timing shows the about topic with the bundled sample''s numbers' {
        $about = $sections['ABOUT']
        $about | Should -Match 'about_Mp4Timing'
        $about | Should -Match 'SHORT DESCRIPTION'
        # (whitespace may be a line break: the text is wrapped at 80 columns)
        $about | Should -Match 'media_time\s+2'
        $about | Should -Match '0\.0667\s+s'
        $about | Should -Match 'pts\s+0,\s+dts\s+-2'
        $about | Should -Match 'presentation\s+order'
    }

    It 'Get-Help about_Mp4TimingRules shows the rules' {
        $rules = $sections['RULES']
        $rules | Should -Match 'about_Mp4TimingRules'
        foreach ($rule in Get-Mp4TimingRule) { $rules | Should -Match "$($rule.Name) \($($rule.Severity)" }
        $rules | Should -Match 'AudioLeadMs\s+\(default\s+40\)'
    }
}

Describe 'Help: the examples of the pages run on the fixtures' {
    BeforeAll {
        $resultPath = Join-Path $TestDrive 'examples.json'
        $runner = Join-Path $PSScriptRoot 'Invoke-HelpExamples.ps1'
        $pester = (Get-Module Pester).Path -replace '\.psm1$', '.psd1'
        $run = Invoke-FreshPwsh "& '$runner' -ModulePath '$ModuleRoot' -DocsPath '$DocsPath' -FixturesPath '$Fixtures' -PesterManifest '$pester' -ResultPath '$resultPath'"
        $results = if (Test-Path $resultPath) { @(Get-Content -Raw $resultPath | ConvertFrom-Json) } else { @() }
    }

    It 'the runner ran' {
        $run.ExitCode | Should -Be 0 -Because $run.Text
        $results.Count | Should -BeGreaterThan 0
    }

    It '<Command> example <Number> runs without error and prints what the page shows' -ForEach $Examples {
        $result = $results | Where-Object { $_.Command -eq $Command -and $_.Number -eq $Number } | Select-Object -First 1
        $result | Should -Not -BeNullOrEmpty -Because 'the runner reports every example'
        if ($result.Skipped) { Set-ItResult -Skipped -Because $result.Skipped; return }
        $result.Error | Should -BeNullOrEmpty -Because $Title
        $result.Ran | Should -BeTrue
        if ($result.HasOutput) { $result.OutputMatches | Should -BeTrue -Because "the Output block of '$Title' must be what it prints now:`n$($result.Output)" }
    }
}
