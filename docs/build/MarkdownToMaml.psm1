<#
    Mp4Timing's own converter from PlatyPS markdown (schema 2.0.0, as PlatyPS 0.14 writes and reads it)
    to the help files PowerShell reads:

      Read-HelpMarkdown        parses a cmdlet page (docs/<Verb-Noun>.md) or an about topic (docs/about_*.md)
                               into a plain object model, failing with the file and line where the page
                               leaves the schema (so a page that builds here also builds with PlatyPS);
      ConvertTo-MamlHelp       writes the MAML of one or more cmdlet pages (<module>.dll-Help.xml), element
                               for element as PlatyPS's New-ExternalHelp does: command:details, description,
                               syntax, parameters, inputTypes, returnValues, alertSet, examples, relatedLinks;
      ConvertTo-AboutHelpText  writes an about topic as about_<Name>.help.txt (80 columns);
      Get-HelpSyntaxText       the SYNTAX block of a cmdlet as PlatyPS writes it, from the cmdlet's metadata.

    Used by Build-Help.ps1 when PlatyPS 0.14 is not installed, and by tests/Help.Tests.ps1 to read the pages.
    The output depends only on the markdown: no dates, no machine names, "\n" line ends, UTF-8 without BOM.
#>
Set-StrictMode -Version Latest

$script:MamlNs = 'http://schemas.microsoft.com/maml/2004/10'
$script:CommandNs = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$script:DevNs = 'http://schemas.microsoft.com/maml/dev/2004/10'
$script:MsHelpNs = 'http://msdn.microsoft.com/mshelp'
$script:YamlKeys = @('Type', 'Parameter Sets', 'Aliases', 'Accepted values', 'Applicable', 'Required', 'Position',
    'Default value', 'Accept pipeline input', 'Accept wildcard characters')

function New-SchemaError([string] $File, [int] $Line, [string] $Message) {
    [System.IO.InvalidDataException]::new("${File}:${Line}: $Message")
}

function Split-MarkdownBlock {
    <#
        Splits markdown lines into blocks: Heading (Level, Text), Code (Language, Text) and Paragraph
        (Lines: the text lines between blank lines, headings and code fences). Line numbers are kept for errors.
    #>
    param([string[]] $Lines, [int] $FirstLine, [string] $File)
    $blocks = [System.Collections.Generic.List[object]]::new()
    $paragraph = $null
    $i = 0
    while ($i -lt $Lines.Count) {
        $line = $Lines[$i]
        $number = $FirstLine + $i
        if ($line -match '^\s*(```+|~~~+)\s*([^`\s]*)\s*$') {
            $paragraph = $null
            $fence = $Matches[1]
            $language = $Matches[2]
            $body = [System.Collections.Generic.List[string]]::new()
            $i++
            while ($i -lt $Lines.Count -and $Lines[$i] -notmatch ('^\s*' + [regex]::Escape($fence) + '\s*$')) {
                $body.Add($Lines[$i])
                $i++
            }
            if ($i -ge $Lines.Count) { throw (New-SchemaError $File $number 'a code block is not closed') }
            $blocks.Add([pscustomobject]@{ Kind = 'Code'; Language = $language; Text = ($body -join "`n"); Line = $number })
            $i++
            continue
        }
        if ($line -match '^(#{1,6})\s+(.*?)\s*#*\s*$') {
            $paragraph = $null
            $blocks.Add([pscustomobject]@{ Kind = 'Heading'; Level = $Matches[1].Length; Text = $Matches[2]; Line = $number })
        }
        elseif ($line.Trim().Length -eq 0) {
            $paragraph = $null
        }
        else {
            if ($null -eq $paragraph) {
                $paragraph = [pscustomobject]@{ Kind = 'Paragraph'; Lines = [System.Collections.Generic.List[string]]::new(); Line = $number }
                $blocks.Add($paragraph)
            }
            $paragraph.Lines.Add($line)
        }
        $i++
    }
    return , $blocks
}

function Read-FrontMatter([string[]] $Lines) {
    # The YAML header between the first two '---' lines: simple "key: value" pairs, keys as written.
    $metadata = [ordered]@{}
    if ($Lines.Count -eq 0 -or $Lines[0].Trim() -ne '---') { return [pscustomobject]@{ Metadata = $metadata; BodyStart = 0 } }
    for ($i = 1; $i -lt $Lines.Count; $i++) {
        if ($Lines[$i].Trim() -eq '---') { return [pscustomobject]@{ Metadata = $metadata; BodyStart = $i + 1 } }
        if ($Lines[$i] -match '^\s*([^:]+?)\s*:\s*(.*?)\s*$') { $metadata[$Matches[1]] = $Matches[2] }
    }
    throw 'The YAML front matter is not closed by ---.'
}

$script:AbsoluteLink = [regex]::new('(?<!\\)\[([^\]]+)\]\(([a-zA-Z][a-zA-Z0-9+.-]*://[^)\s]+)\)')
$script:RelativeLink = [regex]::new('(?<!\\)\[([^\]]+)\]\(([^)\s]+)\)')
$script:Strong = [regex]::new('(?<![\\*])\*\*(?=\S)(.+?)(?<=\S)\*\*')
$script:StrongUnderscore = [regex]::new('(?<![\\\w])__(?=\S)(.+?)(?<=\S)__(?!\w)')
$script:Escape = [regex]::new('\\([\\`*_{}\[\]()#+\-.!<>|])')

function ConvertFrom-InlineMarkdown {
    <#
        One line of markdown as help text: links become "text (uri)" (relative links just "text"),
        ** and __ emphasis is dropped, backslash escapes are resolved; `code` keeps its backticks.
    #>
    param([string] $Text)
    if ($Text.IndexOfAny([char[]]'[*_\') -lt 0) { return $Text }
    $Text = $script:AbsoluteLink.Replace($Text, '$1 ($2)')
    $Text = $script:RelativeLink.Replace($Text, '$1')
    $Text = $script:Strong.Replace($Text, '$1')
    $Text = $script:StrongUnderscore.Replace($Text, '$1')
    return $script:Escape.Replace($Text, '$1')
}

function Get-ParagraphText {
    <#
        The text of paragraph blocks, one string per block: prose lines are joined by spaces; each list
        item and table row keeps a line of its own ("\n" between them; continuation lines join their item).
    #>
    param([object[]] $Blocks)
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    foreach ($block in $Blocks) {
        $items = [System.Collections.Generic.List[string]]::new()
        $current = $null
        foreach ($line in $block.Lines) {
            $trimmed = $line.Trim()
            $isItem = $trimmed -match '^([-*+]|\d+[.)])\s+' -or $trimmed.StartsWith('|')
            if ($isItem -or $null -eq $current) {
                if ($null -ne $current) { $items.Add((ConvertFrom-InlineMarkdown $current)) }
                $current = $trimmed
            }
            else {
                $current = $current + ' ' + $trimmed
            }
        }
        if ($null -ne $current) { $items.Add((ConvertFrom-InlineMarkdown $current)) }
        $paragraphs.Add(($items -join "`n"))
    }
    return , $paragraphs
}

function Read-SectionBody {
    # The blocks from $Index up to the next heading of level <= $Level.
    param($Blocks, [ref] $Index, [int] $Level)
    $body = [System.Collections.Generic.List[object]]::new()
    while ($Index.Value -lt $Blocks.Count) {
        $block = $Blocks[$Index.Value]
        if ($block.Kind -eq 'Heading' -and $block.Level -le $Level) { break }
        $body.Add($block)
        $Index.Value++
    }
    return , $body
}

function Assert-OnlyParagraph($Body, [string] $File, [string] $Section) {
    foreach ($block in $Body) {
        if ($block.Kind -ne 'Paragraph') {
            throw (New-SchemaError $File $block.Line "$Section may hold only text (PlatyPS reads one paragraph there), not a $($block.Kind.ToLowerInvariant())")
        }
    }
}

function Split-List([string] $Value) {
    # "a, b" -> @('a', 'b'); empty -> @().
    $items = [System.Collections.Generic.List[string]]::new()
    if ($Value) {
        foreach ($item in $Value.Split(',')) { if ($item.Trim()) { $items.Add($item.Trim()) } }
    }
    return , $items.ToArray()
}

function Read-ParameterYaml([object] $Block, [string] $File) {
    $values = @{}
    foreach ($line in $Block.Text.Split("`n")) {
        if ($line.Trim().Length -eq 0) { continue }
        if ($line -notmatch '^\s*([^:]+?)\s*:\s*(.*?)\s*$') { throw (New-SchemaError $File $Block.Line "not a 'key: value' line in the parameter yaml: '$line'") }
        $key = $null
        foreach ($known in $script:YamlKeys) { if ($known -eq $Matches[1]) { $key = $known; break } }
        if (-not $key) { throw (New-SchemaError $File $Block.Line "unknown key '$($Matches[1])' in the parameter yaml (known: $($script:YamlKeys -join ', '))") }
        $values[$key] = $Matches[2]
    }
    foreach ($required in 'Type', 'Parameter Sets', 'Required', 'Position', 'Accept pipeline input', 'Accept wildcard characters') {
        if (-not $values.ContainsKey($required)) { throw (New-SchemaError $File $Block.Line "the parameter yaml has no '$required'") }
    }
    [pscustomobject]@{
        Type           = $values['Type']
        ParameterSets  = Split-List $values['Parameter Sets']
        Aliases        = Split-List $values['Aliases']
        AcceptedValues = Split-List $values['Accepted values']
        Required       = $values['Required'] -eq 'True'
        Position       = $values['Position']
        DefaultValue   = if ($values['Default value']) { $values['Default value'] } else { 'None' }
        PipelineInput  = $values['Accept pipeline input']
        Globbing       = $values['Accept wildcard characters'] -eq 'True'
    }
}

function Read-HelpMarkdown {
    <#
    .SYNOPSIS
        Parses a PlatyPS cmdlet page or about topic into an object model.
    .OUTPUTS
        Kind 'Command': Name, Metadata, Synopsis, Syntax (SetName, IsDefault, Text), Description, Examples
        (Title, Introduction, Code (Language, Text), Remarks), Parameters (Name, Description, Entries: the yaml
        blocks), SupportsCommonParameters, Inputs / Outputs (TypeName, Description), Notes, Links (Text, Uri).
        Kind 'About': Name, Blocks (the markdown blocks after the title).
        Text sections are lists of paragraphs.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipelineByPropertyName)] [Alias('FullName')] [string] $Path)
    process {
        $file = (Resolve-Path -LiteralPath $Path).ProviderPath
        $lines = [System.IO.File]::ReadAllLines($file)
        $front = Read-FrontMatter $lines
        $bodyLines = if ($front.BodyStart -lt $lines.Count) { $lines[$front.BodyStart..($lines.Count - 1)] } else { @() }
        $blocks = Split-MarkdownBlock -Lines $bodyLines -FirstLine ($front.BodyStart + 1) -File $file
        if ($blocks.Count -eq 0 -or $blocks[0].Kind -ne 'Heading' -or $blocks[0].Level -ne 1) {
            throw (New-SchemaError $file ($front.BodyStart + 1) 'the page must start with "# <Command-Name>" or "# about_<Topic>"')
        }
        $name = $blocks[0].Text.Trim()
        if ($name -like 'about_*') {
            # PlatyPS's about schema: "# <title>", then "## about_<Name>", the name the help system looks up
            # (PlatyPS recognises an about topic by it), then the sections.
            $skip = 1
            if ($blocks.Count -gt 1 -and $blocks[1].Kind -eq 'Heading' -and $blocks[1].Level -eq 2 -and $blocks[1].Text.Trim() -like 'about_*') {
                $name = $blocks[1].Text.Trim()
                $skip = 2
            }
            return [pscustomobject]@{ Kind = 'About'; Name = $name; Path = $file; Metadata = $front.Metadata; Blocks = $blocks.GetRange($skip, $blocks.Count - $skip).ToArray() }
        }

        $command = [pscustomobject]@{
            Kind = 'Command'; Name = $name; Path = $file; Metadata = $front.Metadata
            Synopsis = @(); Syntax = [System.Collections.Generic.List[object]]::new(); Description = @()
            Examples = [System.Collections.Generic.List[object]]::new(); Parameters = [System.Collections.Generic.List[object]]::new()
            SupportsCommonParameters = $false
            Inputs = [System.Collections.Generic.List[object]]::new(); Outputs = [System.Collections.Generic.List[object]]::new()
            Notes = @(); Links = [System.Collections.Generic.List[object]]::new()
        }
        $index = 1
        while ($index -lt $blocks.Count) {
            $heading = $blocks[$index]
            if ($heading.Kind -ne 'Heading' -or $heading.Level -ne 2) {
                throw (New-SchemaError $file $heading.Line 'expected a "## SECTION" heading')
            }
            $index++
            $section = $heading.Text.Trim().ToUpperInvariant()
            switch ($section) {
                { $_ -in 'SYNOPSIS', 'DESCRIPTION', 'NOTES' } {
                    $body = Read-SectionBody $blocks ([ref] $index) 2
                    Assert-OnlyParagraph $body $file $section
                    $text = Get-ParagraphText $body
                    switch ($section) { 'SYNOPSIS' { $command.Synopsis = $text } 'DESCRIPTION' { $command.Description = $text } 'NOTES' { $command.Notes = $text } }
                }
                'SYNTAX' {
                    while ($index -lt $blocks.Count -and -not ($blocks[$index].Kind -eq 'Heading' -and $blocks[$index].Level -le 2)) {
                        $setName = '(All)'
                        if ($blocks[$index].Kind -eq 'Heading') {
                            if ($blocks[$index].Level -ne 3) { throw (New-SchemaError $file $blocks[$index].Line 'expected "### <ParameterSetName>" in SYNTAX') }
                            $setName = $blocks[$index].Text.Trim()
                            $index++
                        }
                        if ($index -ge $blocks.Count -or $blocks[$index].Kind -ne 'Code') { throw (New-SchemaError $file $heading.Line "SYNTAX: the set '$setName' has no code block") }
                        $isDefault = $setName -match '\s*\(Default\)$'
                        $command.Syntax.Add([pscustomobject]@{ SetName = ($setName -replace '\s*\(Default\)$', ''); IsDefault = $isDefault; Text = $blocks[$index].Text })
                        $index++
                    }
                }
                'EXAMPLES' {
                    while ($index -lt $blocks.Count -and -not ($blocks[$index].Kind -eq 'Heading' -and $blocks[$index].Level -le 2)) {
                        $title = $blocks[$index]
                        if ($title.Kind -ne 'Heading' -or $title.Level -ne 3) { throw (New-SchemaError $file $title.Line 'expected "### Example N: title" in EXAMPLES') }
                        $index++
                        $body = Read-SectionBody $blocks ([ref] $index) 3
                        # PlatyPS's grammar: introduction text, one or more code blocks, remarks text.
                        $intro = [System.Collections.Generic.List[object]]::new()
                        $code = [System.Collections.Generic.List[object]]::new()
                        $remarks = [System.Collections.Generic.List[object]]::new()
                        foreach ($block in $body) {
                            if ($block.Kind -eq 'Heading') { throw (New-SchemaError $file $block.Line 'an example holds no headings') }
                            if ($block.Kind -eq 'Code') {
                                if ($remarks.Count) { throw (New-SchemaError $file $block.Line "the example '$($title.Text)' has text between its code blocks (PlatyPS reads text, code blocks, text)") }
                                $code.Add($block)
                            }
                            elseif ($code.Count) { $remarks.Add($block) }
                            else { $intro.Add($block) }
                        }
                        if ($code.Count -eq 0) { throw (New-SchemaError $file $title.Line "the example '$($title.Text)' has no code block") }
                        $command.Examples.Add([pscustomobject]@{
                                Title        = $title.Text.Trim()
                                Introduction = Get-ParagraphText $intro
                                Code         = @(foreach ($block in $code) { [pscustomobject]@{ Language = $block.Language; Text = $block.Text } })
                                Remarks      = Get-ParagraphText $remarks
                                Line         = $title.Line
                            })
                    }
                }
                'PARAMETERS' {
                    while ($index -lt $blocks.Count -and -not ($blocks[$index].Kind -eq 'Heading' -and $blocks[$index].Level -le 2)) {
                        $title = $blocks[$index]
                        if ($title.Kind -ne 'Heading' -or $title.Level -ne 3) { throw (New-SchemaError $file $title.Line 'expected "### -ParameterName" in PARAMETERS') }
                        $index++
                        $body = Read-SectionBody $blocks ([ref] $index) 3
                        $parameterName = $title.Text.Trim()
                        if ($parameterName -eq 'CommonParameters') { $command.SupportsCommonParameters = $true; continue }
                        if (-not $parameterName.StartsWith('-')) { throw (New-SchemaError $file $title.Line "a parameter heading is '### -Name', not '### $parameterName'") }
                        $entries = [System.Collections.Generic.List[object]]::new()
                        $description = [System.Collections.Generic.List[object]]::new()
                        foreach ($block in $body) {
                            if ($block.Kind -eq 'Code' -and $block.Language -eq 'yaml') { $entries.Add((Read-ParameterYaml $block $file)) }
                            elseif ($block.Kind -eq 'Paragraph') { $description.Add($block) }
                        }
                        if ($entries.Count -eq 0) { throw (New-SchemaError $file $title.Line "the parameter $parameterName has no yaml block") }
                        $command.Parameters.Add([pscustomobject]@{
                                Name        = $parameterName.Substring(1)
                                Description = Get-ParagraphText $description
                                Entries     = $entries.ToArray()
                                Line        = $title.Line
                            })
                    }
                }
                { $_ -in 'INPUTS', 'OUTPUTS' } {
                    while ($index -lt $blocks.Count -and -not ($blocks[$index].Kind -eq 'Heading' -and $blocks[$index].Level -le 2)) {
                        $title = $blocks[$index]
                        if ($title.Kind -ne 'Heading' -or $title.Level -ne 3) { throw (New-SchemaError $file $title.Line "expected '### <TypeName>' in $section") }
                        $index++
                        $body = Read-SectionBody $blocks ([ref] $index) 3
                        Assert-OnlyParagraph $body $file $section
                        $entry = [pscustomobject]@{ TypeName = $title.Text.Trim(); Description = Get-ParagraphText $body }
                        if ($section -eq 'INPUTS') { $command.Inputs.Add($entry) } else { $command.Outputs.Add($entry) }
                    }
                }
                'RELATED LINKS' {
                    $body = Read-SectionBody $blocks ([ref] $index) 2
                    Assert-OnlyParagraph $body $file $section
                    foreach ($line in @(foreach ($block in $body) { $block.Lines })) {
                        if ($line.Trim() -notmatch '^\[([^\]]+)\]\(([^)]*)\)$') { throw (New-SchemaError $file $heading.Line "RELATED LINKS holds only [text](uri) lines, not '$line'") }
                        $command.Links.Add([pscustomobject]@{ Text = $Matches[1]; Uri = $Matches[2] })
                    }
                }
                default { throw (New-SchemaError $file $heading.Line "unexpected section '## $($heading.Text)'") }
            }
        }
        return $command
    }
}

function Get-HelpMarkdownExample {
    <#
    .SYNOPSIS
        The examples of a page: for a cmdlet page its EXAMPLES, for an about topic the "### title" entries
        with code under its "## EXAMPLES" heading. Each: Number, Title, Code (Language, Text).
    #>
    param([Parameter(Mandatory)] $Page)
    $number = 0
    if ($Page.Kind -eq 'Command') {
        foreach ($example in $Page.Examples) {
            $number++
            [pscustomobject]@{ Number = $number; Title = $example.Title; Code = $example.Code }
        }
        return
    }
    $inExamples = $false
    $current = $null
    foreach ($block in $Page.Blocks) {
        if ($block.Kind -eq 'Heading' -and $block.Level -le 2) {
            if ($current -and $current.Code.Count) { $current }
            $current = $null
            $inExamples = $block.Text.Trim() -eq 'EXAMPLES'
            continue
        }
        if (-not $inExamples) { continue }
        if ($block.Kind -eq 'Heading') {
            if ($current -and $current.Code.Count) { $current }
            $number++
            $current = [pscustomobject]@{ Number = $number; Title = $block.Text.Trim(); Code = [System.Collections.Generic.List[object]]::new() }
        }
        elseif ($block.Kind -eq 'Code' -and $current) {
            $current.Code.Add([pscustomobject]@{ Language = $block.Language; Text = $block.Text })
        }
    }
    if ($current -and $current.Code.Count) { $current }
}

function Get-ShortTypeName([type] $Type) {
    # PlatyPS 0.14 names types by their short .NET name: String[], Int32, SwitchParameter, TrackKind[].
    return $Type.Name
}

function Get-HelpSyntaxText {
    <#
    .SYNOPSIS
        The SYNTAX blocks of a cmdlet as PlatyPS 0.14 writes them, from the command's metadata: one per
        parameter set (default first, "(Default)" after its name when there are several), parameters in
        the order Get-Command -Syntax shows them, lines wrapped before 110 characters. -WhatIf and -Confirm (of cmdlets
        that support ShouldProcess) are written as PlatyPS writes them: last, before [<CommonParameters>].
    #>
    param([Parameter(Mandatory)] [System.Management.Automation.CommandInfo] $Command, [int] $Width = 110)
    $common = [System.Management.Automation.Cmdlet]::CommonParameters + 'UseTransaction'
    $sets = @($Command.ParameterSets | Sort-Object { -not $_.IsDefault })
    foreach ($set in $sets) {
        $parameters = @($set.Parameters | Where-Object { $common -notcontains $_.Name })
        $positional = @($parameters | Where-Object { $_.Position -ge 0 } | Sort-Object Position)
        $named = @($parameters | Where-Object { $_.Position -lt 0 })
        $ordered = $positional + @($named | Where-Object IsMandatory) + @($named | Where-Object { -not $_.IsMandatory })
        $parts = foreach ($p in $ordered) {
            if ($p.ParameterType -eq [System.Management.Automation.SwitchParameter]) { "[-$($p.Name)]"; continue }
            $text = "-$($p.Name)"
            if ($p.Position -ge 0) { $text = "[$text]" }
            $text = "$text <$(Get-ShortTypeName $p.ParameterType)>"
            if (-not $p.IsMandatory) { $text = "[$text]" }
            $text
        }
        $parts = @($parts) + '[<CommonParameters>]'
        $builder = [System.Text.StringBuilder]::new($Command.Name)
        $lineStart = 0
        foreach ($part in $parts) {
            if ($builder.Length - $lineStart + $part.Length -gt $Width) {
                [void] $builder.Append("`n")
                $lineStart = $builder.Length
            }
            [void] $builder.Append(' ').Append($part)
        }
        [pscustomobject]@{
            SetName   = $set.Name
            IsDefault = $set.IsDefault
            Heading   = if ($sets.Count -gt 1) { if ($set.IsDefault) { "$($set.Name) (Default)" } else { $set.Name } } else { $null }
            Text      = $builder.ToString()
        }
    }
}

function Add-Paragraphs([System.Xml.XmlWriter] $Writer, [object[]] $Paragraphs) {
    # One maml:para per paragraph, and per item of a list or row of a table; Get-Help puts a blank line between paras.
    foreach ($paragraph in $Paragraphs) {
        foreach ($line in ($paragraph -split "`n")) { $Writer.WriteElementString('maml', 'para', $script:MamlNs, $line) }
    }
}

function Write-MamlParameter {
    param([System.Xml.XmlWriter] $Writer, $Parameter, $Entry, [switch] $InSyntax)
    $isSwitch = $Entry.Type -in 'SwitchParameter', 'System.Management.Automation.SwitchParameter'
    $Writer.WriteStartElement('command', 'parameter', $script:CommandNs)
    $Writer.WriteAttributeString('required', $Entry.Required.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', 'true')
    $Writer.WriteAttributeString('globbing', $Entry.Globbing.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', $Entry.PipelineInput)
    $Writer.WriteAttributeString('position', $Entry.Position.ToLowerInvariant())
    $Writer.WriteAttributeString('aliases', $(if ($Entry.Aliases.Count) { $Entry.Aliases -join ', ' } else { 'none' }))
    $Writer.WriteElementString('maml', 'name', $script:MamlNs, $Parameter.Name)
    $Writer.WriteStartElement('maml', 'description', $script:MamlNs)
    Add-Paragraphs $Writer $Parameter.Description
    $Writer.WriteEndElement()
    if ($InSyntax -and $Entry.AcceptedValues.Count) {
        $Writer.WriteStartElement('command', 'parameterValueGroup', $script:CommandNs)
        foreach ($value in $Entry.AcceptedValues) {
            $Writer.WriteStartElement('command', 'parameterValue', $script:CommandNs)
            $Writer.WriteAttributeString('required', 'false')
            $Writer.WriteAttributeString('command', 'variableLength', $script:CommandNs, 'false')
            $Writer.WriteString($value)
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }
    if (-not ($InSyntax -and $isSwitch)) {
        $Writer.WriteStartElement('command', 'parameterValue', $script:CommandNs)
        $Writer.WriteAttributeString('required', $(if ($isSwitch) { 'false' } else { 'true' }))
        $Writer.WriteAttributeString('variableLength', 'false')
        $Writer.WriteString($Entry.Type)
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('dev', 'type', $script:DevNs)
    $Writer.WriteElementString('maml', 'name', $script:MamlNs, $Entry.Type)
    $Writer.WriteElementString('maml', 'uri', $script:MamlNs, '')
    $Writer.WriteEndElement()
    $default = if ($isSwitch -and ($Entry.DefaultValue -eq 'None' -or -not $Entry.DefaultValue)) { 'False' } else { $Entry.DefaultValue }
    $Writer.WriteElementString('dev', 'defaultValue', $script:DevNs, $default)
    $Writer.WriteEndElement()
}

function Get-PaddedExampleTitle([string] $Title) {
    # PlatyPS pads example titles with dashes to 64 characters.
    if ([string]::IsNullOrWhiteSpace($Title) -or $Title.Length -ge 62) { return $Title }
    $pad = [int][Math]::Floor((64 - $Title.Length - 2) / 2)
    return ('-' * $pad) + ' ' + $Title + ' ' + ('-' * $pad)
}

function ConvertTo-MamlHelp {
    <#
    .SYNOPSIS
        The MAML help file (as PlatyPS's New-ExternalHelp writes it) for parsed cmdlet pages.
    #>
    param([Parameter(Mandatory)] [object[]] $Command)
    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.IndentChars = '  '
    $settings.NewLineChars = "`n"
    $settings.NewLineHandling = [System.Xml.NewLineHandling]::Replace
    $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
    $stream = [System.IO.MemoryStream]::new()
    $writer = [System.Xml.XmlWriter]::Create($stream, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', 'http://msh')
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($cmd in ($Command | Sort-Object Name)) {
            $verb, $noun = $cmd.Name -split '-', 2
            $writer.WriteStartElement('command', 'command', $script:CommandNs)
            $writer.WriteAttributeString('xmlns', 'maml', $null, $script:MamlNs)
            $writer.WriteAttributeString('xmlns', 'command', $null, $script:CommandNs)
            $writer.WriteAttributeString('xmlns', 'dev', $null, $script:DevNs)
            $writer.WriteAttributeString('xmlns', 'MSHelp', $null, $script:MsHelpNs)

            $writer.WriteStartElement('command', 'details', $script:CommandNs)
            $writer.WriteElementString('command', 'name', $script:CommandNs, $cmd.Name)
            $writer.WriteElementString('command', 'verb', $script:CommandNs, $verb)
            $writer.WriteElementString('command', 'noun', $script:CommandNs, $noun)
            $writer.WriteStartElement('maml', 'description', $script:MamlNs)
            Add-Paragraphs $writer $cmd.Synopsis
            $writer.WriteEndElement()
            $writer.WriteEndElement()

            $writer.WriteStartElement('maml', 'description', $script:MamlNs)
            Add-Paragraphs $writer $cmd.Description
            $writer.WriteEndElement()

            # Syntax: for each set of the SYNTAX section, its parameters and those of all sets, positional first.
            $writer.WriteStartElement('command', 'syntax', $script:CommandNs)
            $setNames = [System.Collections.Generic.List[string]]::new()
            foreach ($syntax in $cmd.Syntax) { $setNames.Add($syntax.SetName) }
            if ($setNames.Count -eq 0) { $setNames.Add('(All)') }
            foreach ($setName in $setNames) {
                # Like PlatyPS: the parameters in the page's order, stably sorted by position (named last).
                $positional = [System.Collections.Generic.SortedDictionary[int, System.Collections.Generic.List[object]]]::new()
                $named = [System.Collections.Generic.List[object]]::new()
                foreach ($parameter in $cmd.Parameters) {
                    $entry = $null
                    foreach ($candidate in $parameter.Entries) {
                        if ($candidate.ParameterSets -contains $setName -or $candidate.ParameterSets -contains '(All)') { $entry = $candidate; break }
                    }
                    if (-not $entry) { continue }
                    $member = [pscustomobject]@{ Parameter = $parameter; Entry = $entry }
                    $position = 0
                    if ([int]::TryParse($entry.Position, [ref] $position)) {
                        if (-not $positional.ContainsKey($position)) { $positional[$position] = [System.Collections.Generic.List[object]]::new() }
                        $positional[$position].Add($member)
                    }
                    else { $named.Add($member) }
                }
                $writer.WriteStartElement('command', 'syntaxItem', $script:CommandNs)
                $writer.WriteElementString('maml', 'name', $script:MamlNs, $cmd.Name)
                foreach ($group in $positional.Values) {
                    foreach ($member in $group) { Write-MamlParameter -Writer $writer -Parameter $member.Parameter -Entry $member.Entry -InSyntax }
                }
                foreach ($member in $named) { Write-MamlParameter -Writer $writer -Parameter $member.Parameter -Entry $member.Entry -InSyntax }
                $writer.WriteEndElement()
            }
            $writer.WriteEndElement()

            $writer.WriteStartElement('command', 'parameters', $script:CommandNs)
            foreach ($parameter in $cmd.Parameters) {
                Write-MamlParameter -Writer $writer -Parameter $parameter -Entry $parameter.Entries[0]
            }
            $writer.WriteEndElement()

            foreach ($kind in 'inputTypes', 'returnValues') {
                $writer.WriteStartElement('command', $kind, $script:CommandNs)
                $items = if ($kind -eq 'inputTypes') { $cmd.Inputs } else { $cmd.Outputs }
                foreach ($item in $items) {
                    $writer.WriteStartElement('command', $(if ($kind -eq 'inputTypes') { 'inputType' } else { 'returnValue' }), $script:CommandNs)
                    $writer.WriteStartElement('dev', 'type', $script:DevNs)
                    $writer.WriteElementString('maml', 'name', $script:MamlNs, $item.TypeName)
                    $writer.WriteEndElement()
                    $writer.WriteStartElement('maml', 'description', $script:MamlNs)
                    Add-Paragraphs $writer $item.Description
                    $writer.WriteEndElement()
                    $writer.WriteEndElement()
                }
                $writer.WriteEndElement()
            }

            $writer.WriteStartElement('maml', 'alertSet', $script:MamlNs)
            $writer.WriteStartElement('maml', 'alert', $script:MamlNs)
            Add-Paragraphs $writer $cmd.Notes
            $writer.WriteEndElement()
            $writer.WriteEndElement()

            $writer.WriteStartElement('command', 'examples', $script:CommandNs)
            foreach ($example in $cmd.Examples) {
                $writer.WriteStartElement('command', 'example', $script:CommandNs)
                $writer.WriteElementString('maml', 'title', $script:MamlNs, (Get-PaddedExampleTitle $example.Title))
                $writer.WriteElementString('dev', 'code', $script:DevNs, (@(foreach ($block in $example.Code) { $block.Text }) -join "`n`n"))
                $writer.WriteStartElement('dev', 'remarks', $script:DevNs)
                Add-Paragraphs $writer (@($example.Introduction) + @($example.Remarks))
                # An empty para ends the remarks, so that Get-Help leaves a blank line before the next example.
                $writer.WriteElementString('maml', 'para', $script:MamlNs, '')
                $writer.WriteEndElement()
                $writer.WriteEndElement()
            }
            $writer.WriteEndElement()

            $writer.WriteStartElement('command', 'relatedLinks', $script:CommandNs)
            $online = if ($cmd.Metadata.Contains('online version')) { $cmd.Metadata['online version'] } else { '' }
            if ($online) {
                $writer.WriteStartElement('maml', 'navigationLink', $script:MamlNs)
                $writer.WriteElementString('maml', 'linkText', $script:MamlNs, 'Online Version:')
                $writer.WriteElementString('maml', 'uri', $script:MamlNs, $online)
                $writer.WriteEndElement()
            }
            foreach ($link in $cmd.Links) {
                $writer.WriteStartElement('maml', 'navigationLink', $script:MamlNs)
                $writer.WriteElementString('maml', 'linkText', $script:MamlNs, $link.Text)
                # Like PlatyPS: only absolute URIs are kept (relative links between the pages stay names).
                $writer.WriteElementString('maml', 'uri', $script:MamlNs, $(if ($link.Uri -match '^[a-zA-Z][a-zA-Z0-9+.-]*://') { $link.Uri } else { '' }))
                $writer.WriteEndElement()
            }
            $writer.WriteEndElement()

            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    }
    finally {
        $writer.Dispose()
    }
    return [System.Text.Encoding]::UTF8.GetString($stream.ToArray()) + "`n"
}

function Format-WrappedText {
    # Words of $Text in lines of at most $Width characters, each starting with $Indent (the first with $FirstIndent).
    param([string] $Text, [string] $Indent, [string] $FirstIndent = $Indent, [int] $Width = 80)
    $lines = [System.Collections.Generic.List[string]]::new()
    $line = [System.Text.StringBuilder]::new($FirstIndent)
    $empty = $true
    foreach ($word in $Text.Split([char[]]" `t", [System.StringSplitOptions]::RemoveEmptyEntries)) {
        if (-not $empty -and $line.Length + 1 + $word.Length -gt $Width) {
            $lines.Add($line.ToString())
            $line = [System.Text.StringBuilder]::new($Indent)
            $empty = $true
        }
        if (-not $empty) { [void] $line.Append(' ') }
        [void] $line.Append($word)
        $empty = $false
    }
    if (-not $empty) { $lines.Add($line.ToString()) }
    return , $lines
}

function ConvertTo-AboutHelpText {
    <#
    .SYNOPSIS
        An about topic as the plain text Get-Help shows: "TOPIC" and the topic name, level-2 headings in
        capitals at the margin, level-3 headings indented, text indented 4 and wrapped at 80 columns,
        list items with a hanging indent, code blocks and tables kept as written (indented 8).
    #>
    param([Parameter(Mandatory)] $About)
    $out = [System.Collections.Generic.List[string]]::new()
    $out.Add('TOPIC')
    $out.Add('    ' + $About.Name)
    $afterHeading = $false
    foreach ($block in $About.Blocks) {
        # A blank line between blocks, except right under a heading.
        if (-not $afterHeading) { $out.Add('') }
        $afterHeading = $block.Kind -eq 'Heading'
        switch ($block.Kind) {
            'Heading' {
                if ($block.Level -le 2) { $out.Add((ConvertFrom-InlineMarkdown $block.Text).ToUpperInvariant()) }
                else { $out.Add('  ' + (ConvertFrom-InlineMarkdown $block.Text)) }
            }
            'Code' {
                foreach ($line in ($block.Text -split "`n")) { $out.Add(('        ' + $line).TrimEnd()) }
            }
            'Paragraph' {
                $isTable = $block.Lines[0].TrimStart().StartsWith('|')
                if ($isTable) {
                    foreach ($line in $block.Lines) {
                        if ($line -match '^\s*\|[\s:|-]+\|\s*$') { continue }
                        $cells = ($line.Trim().Trim('|') -split '(?<!\\)\|') | ForEach-Object { ConvertFrom-InlineMarkdown $_.Trim() }
                        $out.Add(('    ' + ($cells -join ' | ')).TrimEnd())
                    }
                    continue
                }
                foreach ($paragraph in ((Get-ParagraphText @($block)) -split "`n")) {
                    if ($paragraph -match '^(([-*+]|\d+[.)])\s+)(.*)$') {
                        $marker = $Matches[2]
                        if ($marker -in '*', '+') { $marker = '-' }
                        $first = '    ' + $marker + ' '
                        foreach ($line in (Format-WrappedText -Text $Matches[3] -FirstIndent $first -Indent (' ' * $first.Length))) { $out.Add($line) }
                    }
                    else {
                        foreach ($line in (Format-WrappedText -Text $paragraph -Indent '    ')) { $out.Add($line) }
                    }
                }
            }
        }
    }
    return ($out -join "`n") + "`n"
}

Export-ModuleMember -Function Read-HelpMarkdown, Get-HelpMarkdownExample, ConvertTo-MamlHelp, ConvertTo-AboutHelpText, Get-HelpSyntaxText, ConvertFrom-InlineMarkdown
